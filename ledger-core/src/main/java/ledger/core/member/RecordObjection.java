package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * The member objects to processing for one purpose (Art. 21): processing for it ends (its consent
 * is withdrawn; for portal-membership the membership ends) until the member consents to it again.
 */
public record RecordObjection(
        @TargetAggregateIdentifier MemberId memberId,
        String purpose,
        Actor requestedBy) implements MemberCommand {
}
