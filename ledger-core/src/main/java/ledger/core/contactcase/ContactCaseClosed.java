package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.shared.Actor;

public record ContactCaseClosed(ContactCaseId caseId, Actor by, Instant at) implements ContactCaseEvent {
}
