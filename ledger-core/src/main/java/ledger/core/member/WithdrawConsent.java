package ledger.core.member;

import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Withdraws consent to some purposes, or to all ({@code all == true}); in whole or in part. */
public record WithdrawConsent(
        @TargetAggregateIdentifier MemberId memberId,
        Set<String> purposes,
        boolean all,
        Actor requestedBy) implements MemberCommand {

    public WithdrawConsent {
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
    }
}
