package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * Arms the inactivity deadline of a member registered before use was tracked (or before the rule was
 * on): from now, as if the member had just used the portal. Only for members without one (the caller
 * checks); an ended or erased member is left alone.
 */
public record ArmInactivityClock(
        @TargetAggregateIdentifier MemberId memberId,
        Actor requestedBy) implements MemberCommand {
}
