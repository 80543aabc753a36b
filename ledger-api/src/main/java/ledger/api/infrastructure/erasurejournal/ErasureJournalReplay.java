package ledger.api.infrastructure.erasurejournal;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.infrastructure.erasurejournal.JournaledErasures.Subject;
import ledger.api.infrastructure.erasurejournal.JournaledErasures.Unresolved;
import ledger.api.infrastructure.scheduling.StartOrder;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.EraseContactCase;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.EraseMember;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/**
 * At start, after Axon started and before the web server accepts a request, re-applies every
 * journaled erasure the database does not know: the key is shredded again, the read side purged
 * and the erasure recorded with the ground {@code RESTORED_BACKUP}, through the ordinary erasure
 * command. A subject whose key the database holds as a tombstone is known erased and skipped (one
 * query per thousand subjects); a subject the database never had (no events) is skipped. A
 * prepared entry without outcome whose erasure the database holds is marked committed; one the
 * database does not hold never committed and is left alone. If a re-application fails, the node
 * does not start: it must not serve a subject whose erasure it could not re-apply.
 */
public final class ErasureJournalReplay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ErasureJournalReplay.class);
    private static final int CHUNK = 1000;

    private final FileErasureJournal journal;
    private final JdbcTemplate jdbc;
    private final EventStore events;
    private final CommandGateway commands;
    private volatile boolean running;

    public ErasureJournalReplay(FileErasureJournal journal, JdbcTemplate jdbc, EventStore events,
                                CommandGateway commands) {
        this.journal = journal;
        this.jdbc = jdbc;
        this.events = events;
        this.commands = commands;
    }

    /** What one start did; counts only, never ids. */
    public record Result(int entries, int reapplied, int neverHad, int resolved, int unresolved, int rolledBack) {
    }

    @Override
    public void start() {
        Result result = replay();
        log.info("Erasure journal: {} entries; {} erasures re-applied (ground RESTORED_BACKUP), {} of subjects this "
                        + "database never had skipped, {} prepared entries found committed, {} never committed, "
                        + "{} rolled back",
                result.entries(), result.reapplied(), result.neverHad(), result.resolved(), result.unresolved(),
                result.rolledBack());
        running = true;
    }

    /** One pass over the journal: what {@link #start} does. */
    public Result replay() {
        JournaledErasures journaled = JournaledErasures.of(journal.readAll());
        Set<UUID> shredded = shreddedAmong(journaled.subjects());
        int resolved = 0;
        for (Unresolved entry : journaled.unresolved()) {
            if (shredded.contains(entry.subject())) {
                journal.resolveCommitted(entry.entry());
                resolved++;
            }
        }
        int reapplied = 0;
        int neverHad = 0;
        for (Subject subject : journaled.committed()) {
            if (shredded.contains(subject.id())) {
                continue;
            }
            if (events.lastSequenceNumberFor(subject.id().toString()).isEmpty()) {
                neverHad++;
                continue;
            }
            try {
                commands.sendAndWait(switch (subject.type()) {
                    case MEMBER -> EraseMember.restoredBackup(MemberId.of(subject.id()));
                    case CONTACT_CASE -> new EraseContactCase(ContactCaseId.of(subject.id()),
                            ErasureGround.RESTORED_BACKUP, Actor.SYSTEM);
                });
            } catch (RuntimeException e) {
                throw new IllegalStateException("Could not re-apply a journaled erasure (" + e.getClass().getName()
                        + "); refusing to serve a database that still holds an erased subject's key", e);
            }
            reapplied++;
        }
        return new Result(journaled.entries(), reapplied, neverHad, resolved, journaled.unresolved().size() - resolved,
                journaled.rolledBack());
    }

    /** The subjects among {@code subjects} whose key the vault holds as a tombstone. */
    private Set<UUID> shreddedAmong(Set<UUID> subjects) {
        Set<UUID> shredded = new HashSet<>();
        List<UUID> all = new ArrayList<>(subjects);
        for (int from = 0; from < all.size(); from += CHUNK) {
            Object[] chunk = all.subList(from, Math.min(all.size(), from + CHUNK)).toArray();
            shredded.addAll(jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT subject_id FROM data_key WHERE shredded_at IS NOT NULL AND subject_id = ANY (?)");
                statement.setArray(1, connection.createArrayOf("uuid", chunk));
                return statement;
            }, (rs, i) -> rs.getObject(1, UUID.class)));
        }
        return shredded;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return StartOrder.ERASURE_JOURNAL_REPLAY.phase();
    }
}
