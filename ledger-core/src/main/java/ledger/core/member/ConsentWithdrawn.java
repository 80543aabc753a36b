package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.shared.Actor;

/** Consent to one purpose withdrawn (Art. 7(3)); names the consent it ends. */
public record ConsentWithdrawn(
        MemberId memberId,
        UUID consentId,
        String purpose,
        String policyVersion,
        Actor by,
        Instant at) implements MemberEvent {
}
