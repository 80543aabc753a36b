package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** The member used the portal (e.g. signed in): the day of last use moves, and with it the inactivity deadline. */
public record RecordPortalUse(
        @TargetAggregateIdentifier MemberId memberId,
        Actor requestedBy) implements MemberCommand {
}
