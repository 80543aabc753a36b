package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Ends the restriction of processing (Art. 18(3)); a deferred automatic erasure then falls due. */
public record LiftRestriction(
        @TargetAggregateIdentifier MemberId memberId,
        Actor requestedBy) implements MemberCommand {
}
