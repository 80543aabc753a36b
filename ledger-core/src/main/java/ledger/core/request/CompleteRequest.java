package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Completes a request, linking the member event that answered it (type and sequence number). */
public record CompleteRequest(
        @TargetAggregateIdentifier RequestId requestId,
        String resultingEventType,
        long resultingEventSeq,
        Actor requestedBy) {
}
