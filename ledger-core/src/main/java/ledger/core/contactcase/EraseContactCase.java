package ledger.core.contactcase;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/** Erases the personal data of a contact case (its retention passed, or on request), on a legal ground. */
public record EraseContactCase(@TargetAggregateIdentifier ContactCaseId caseId, ErasureGround ground,
                               Actor requestedBy) {

    public EraseContactCase {
        if (ground == null) {
            throw new IllegalArgumentException("an erasure needs its ground");
        }
    }
}
