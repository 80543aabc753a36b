package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.shared.Actor;

public record ContactCaseErased(ContactCaseId caseId, Actor by, Instant at) implements ContactCaseEvent {
}
