package ledger.core.contactcase;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;

import ledger.core.crypto.KeyVault;
import ledger.core.crypto.SealedReading;
import ledger.core.crypto.SubjectDataPurge;

/**
 * Erases a contact case: the event, the shredded key and the purges commit together. The case is
 * loaded {@link SealedReading sealed}: erasure needs no personal data, so no key is unwrapped for it.
 */
public class ContactCaseErasure {

    private final Repository<ContactCase> cases;
    private final KeyVault keys;
    private final List<SubjectDataPurge> purges;

    public ContactCaseErasure(Repository<ContactCase> cases, KeyVault keys, List<SubjectDataPurge> purges) {
        this.cases = cases;
        this.keys = keys;
        this.purges = List.copyOf(purges);
    }

    /** Answers when the case was erased; the same on every repetition. */
    @CommandHandler
    public Instant handle(EraseContactCase command, DeadlineManager deadlines) {
        Instant erasedAt = SealedReading.during(() -> cases.load(command.caseId().toString()))
                .invoke(c -> c.erase(command, deadlines));
        keys.shred(command.caseId().value());
        purges.forEach(purge -> purge.purge(command.caseId().value(), erasedAt));
        return erasedAt;
    }
}
