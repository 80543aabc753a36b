package ledger.core.contactcase;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

public record CloseContactCase(@TargetAggregateIdentifier ContactCaseId caseId, Actor requestedBy) {
}
