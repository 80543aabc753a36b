package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

public record IdentityVerified(
        RequestId requestId,
        MemberId memberId,
        VerificationMethod method,
        Actor by,
        Instant at) implements RequestEvent {
}
