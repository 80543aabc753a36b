package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/**
 * Consent to one purpose withdrawn (Art. 7(3)); names the consent it ends and how the withdrawal
 * reached the company. Withdrawals stored before the channel was recorded read it as {@code null}.
 */
public record ConsentWithdrawn(
        MemberId memberId,
        UUID consentId,
        String purpose,
        String policyVersion,
        WithdrawalChannel channel,
        Actor by,
        Instant at) implements MemberEvent {
}
