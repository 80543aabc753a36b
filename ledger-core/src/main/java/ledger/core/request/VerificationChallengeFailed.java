package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** A wrong code was given; after {@code failures} reaches the limit the challenge is {@code locked}. */
public record VerificationChallengeFailed(
        RequestId requestId,
        MemberId memberId,
        int failures,
        boolean locked,
        Actor by,
        Instant at) implements RequestEvent {
}
