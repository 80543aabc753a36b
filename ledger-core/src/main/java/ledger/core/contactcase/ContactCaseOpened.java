package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** A contact case opened; its data is erased at {@code erasureDueAt} at the latest. */
public record ContactCaseOpened(
        @SubjectId ContactCaseId caseId,
        @PersonalData String name,
        @PersonalData String email,
        @PersonalData String message,
        Instant erasureDueAt,
        Actor by,
        Instant at) implements ContactCaseEvent {
}
