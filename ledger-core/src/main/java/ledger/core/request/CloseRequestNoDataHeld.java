package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** The DPM answers the requester "we hold nothing about you": the request closes (Art. 12(3) and 15). */
public record CloseRequestNoDataHeld(
        @TargetAggregateIdentifier RequestId requestId,
        Actor requestedBy) {
}
