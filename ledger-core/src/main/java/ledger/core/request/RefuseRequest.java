package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * The DPM refuses to act on a request (Art. 12(4)), with the reason told to the person; the answer
 * names the supervisory authority the person may complain to. The reason is personal data: the
 * {@link RequestRefused} event stores it under the member's key (the command names no subject, the
 * request knows it).
 */
public record RefuseRequest(
        @TargetAggregateIdentifier RequestId requestId,
        String reason,
        Actor requestedBy) {
}
