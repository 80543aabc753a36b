package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** A one-time code was issued (its keyed digest only), valid until {@code expiresAt}; it replaces any earlier one. */
public record VerificationChallengeIssued(
        RequestId requestId,
        MemberId memberId,
        String codeDigest,
        Instant expiresAt,
        Actor by,
        Instant at) implements RequestEvent {
}
