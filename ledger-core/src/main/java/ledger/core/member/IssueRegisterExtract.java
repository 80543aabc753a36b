package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Records that a register extract (GDPR Art. 15/20) is being issued for the member. */
public record IssueRegisterExtract(
        @TargetAggregateIdentifier MemberId memberId,
        String format,
        Actor requestedBy) implements MemberCommand {
}
