package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Shreds the request's own key (the requester's contact data); repeating it records nothing. */
public record ShredRequesterData(
        @TargetAggregateIdentifier RequestId requestId,
        Actor requestedBy) {
}
