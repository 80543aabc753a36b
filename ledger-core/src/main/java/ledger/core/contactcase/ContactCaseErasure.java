package ledger.core.contactcase;

import java.time.Instant;
import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;

import ledger.core.crypto.KeyVault;
import ledger.core.crypto.SealedReading;
import ledger.core.erasure.ErasureJournal;
import ledger.core.erasure.SubjectDataPurge;

/**
 * Erases a contact case: the event, the shredded key and the purges commit together, after the
 * erasure was written to the {@link ErasureJournal} outside the database. The case is loaded
 * {@link SealedReading sealed}: erasure needs no personal data, so no key is unwrapped for it.
 */
public class ContactCaseErasure {

    private final Repository<ContactCase> cases;
    private final KeyVault keys;
    private final List<SubjectDataPurge> purges;
    private final ErasureJournal journal;

    /** Without a journal: for tests of the rules that do not concern it. */
    public ContactCaseErasure(Repository<ContactCase> cases, KeyVault keys, List<SubjectDataPurge> purges) {
        this(cases, keys, purges, ErasureJournal.NONE);
    }

    public ContactCaseErasure(Repository<ContactCase> cases, KeyVault keys, List<SubjectDataPurge> purges,
                              ErasureJournal journal) {
        this.cases = cases;
        this.keys = keys;
        this.purges = List.copyOf(purges);
        this.journal = journal;
    }

    /** Answers when the case was erased; the same on every repetition. */
    @CommandHandler
    public Instant handle(EraseContactCase command, DeadlineManager deadlines) {
        command.ground().requireAllowedFor(command.requestedBy());
        Instant erasedAt = SealedReading.during(() -> cases.load(command.caseId().toString()))
                .invoke(c -> c.erase(command, deadlines));
        // write-ahead: durable before anything of the erasure commits
        journal.record(ErasureJournal.Entry.contactCase(command.caseId().value(), command.ground(), erasedAt));
        keys.shred(command.caseId().value());
        purges.forEach(purge -> purge.purge(command.caseId().value(), erasedAt));
        return erasedAt;
    }
}
