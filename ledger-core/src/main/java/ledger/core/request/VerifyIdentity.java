package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** The DPM records that the requester's identity was checked, and how; needed before completion. */
public record VerifyIdentity(
        @TargetAggregateIdentifier RequestId requestId,
        VerificationMethod method,
        Actor requestedBy) {
}
