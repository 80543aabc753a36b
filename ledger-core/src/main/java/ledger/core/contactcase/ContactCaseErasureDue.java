package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The case's retention passed; the retention automation answers with {@link EraseContactCase}. */
public record ContactCaseErasureDue(ContactCaseId caseId, Actor by, Instant at) implements ContactCaseEvent {
}
