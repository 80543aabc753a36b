package ledger.core.member;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

public record ReleaseLegalHold(
        @TargetAggregateIdentifier MemberId memberId,
        UUID holdId,
        Actor requestedBy) implements MemberCommand {
}
