package ledger.core.contactcase;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Erases the personal data of a contact case (its retention passed, or on request). */
public record EraseContactCase(@TargetAggregateIdentifier ContactCaseId caseId, Actor requestedBy) {
}
