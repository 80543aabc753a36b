package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.shared.Actor;

/** Everything that happens to a contact case. */
public sealed interface ContactCaseEvent permits ContactCaseOpened, ContactCaseClosed, ContactCaseErased, ContactCaseErasureDue {

    ContactCaseId caseId();

    Actor by();

    Instant at();
}
