package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** The DPM found the requester among the members (e.g. by e-mail): the request is theirs from now on. */
public record LinkRequest(
        @TargetAggregateIdentifier RequestId requestId,
        MemberId memberId,
        Actor requestedBy) {
}
