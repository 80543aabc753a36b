package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.shared.Actor;

/** Consent given to one purpose under a policy version (Art. 7(1): demonstrable consent). */
public record ConsentGiven(
        MemberId memberId,
        UUID consentId,
        String purpose,
        String policyVersion,
        String channel,
        Actor by,
        Instant at) implements MemberEvent {
}
