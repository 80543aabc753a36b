package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Ends the membership; erasure then falls due when the retention period has passed. */
public record EndMembership(
        @TargetAggregateIdentifier MemberId memberId,
        MembershipEndReason reason,
        Actor requestedBy) implements MemberCommand {
}
