package ledger.core.contactcase;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** Opens a case from the contact form. */
public record OpenContactCase(
        @SubjectId @TargetAggregateIdentifier ContactCaseId caseId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String message,
        Actor requestedBy) {
}
