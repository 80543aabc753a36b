package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Erases all personal data of the member; terminal. */
public record EraseMember(
        @TargetAggregateIdentifier MemberId memberId,
        ErasureGround ground,
        Actor requestedBy) implements MemberCommand {
}
