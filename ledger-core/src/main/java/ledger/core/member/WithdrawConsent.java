package ledger.core.member;

import java.util.Objects;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/**
 * Withdraws consent to some purposes, or to all ({@code all == true}); in whole or in part. The
 * channel says how the withdrawal reached the company (the portal, or email, letter or phone
 * received by the DPM).
 */
public record WithdrawConsent(
        @TargetAggregateIdentifier MemberId memberId,
        Set<String> purposes,
        boolean all,
        WithdrawalChannel channel,
        Actor requestedBy) implements MemberCommand {

    public WithdrawConsent {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        Objects.requireNonNull(channel, "channel");
    }
}
