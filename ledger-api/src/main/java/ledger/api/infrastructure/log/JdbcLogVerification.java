package ledger.api.infrastructure.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.application.ledger.LogVerification;

/** The LogVerification port as infrastructure implements it. */
public class JdbcLogVerification implements LogVerification {

    private static final Logger log = LoggerFactory.getLogger(LogVerification.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final LogVerifier verifier;
    private final String node;
    private final Clock clock;
    private final Checkpoints checkpoints;
    private final JdbcLogStore store;
    private final Path checkpointDir;
    private final Duration fullInterval;
    /** This node's last intact pass, gone on from by the next (null: the next is full). */
    private LogVerifier.Verified verified;
    /** When this node's last intact full pass began (null: none since the last finding or start). */
    private Instant fullAt;

    JdbcLogVerification(DataSource dataSource, JdbcTemplate jdbc, LogVerifier verifier, String node,
                    Clock clock, Checkpoints checkpoints, JdbcLogStore store, Path checkpointDir,
                    Duration fullInterval) {
        this.fullInterval = fullInterval;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.node = node;
        this.clock = clock;
        this.checkpoints = checkpoints;
        this.store = store;
        this.checkpointDir = checkpointDir;
    }

    /** Verifies every leaf, root and stored checkpoint now, stores and answers the result. */
    @Override
    public synchronized Result verifyNow() {
        return verify(null);
    }

    @Override
    public synchronized Result verifySinceLastVerified() {
        return verify(verified);
    }

    /** Since the last verification, unless this node's last full one is older than the full interval. */
    @Override
    public synchronized Result verifyScheduled() {
        boolean fullDue = fullAt == null || !clock.instant().isBefore(fullAt.plus(fullInterval));
        return verify(fullDue ? null : verified);
    }

    private Result verify(LogVerifier.Verified start) {
        long started = System.nanoTime();
        Instant began = clock.instant();
        LogVerifier.Outcome outcome;
        try (Connection connection = dataSource.getConnection()) {
            LogVerifier.NoteSource notes = Files.isDirectory(checkpointDir)
                    ? LogVerifier.merged(LogVerifier.databaseNotes(), LogVerifier.fileNotes(checkpointDir))
                    : LogVerifier.databaseNotes();
            outcome = verifier.verify(connection, notes, start);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the log cannot be read for verification", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the verification was interrupted", e);
        }
        if (outcome.intact()) {
            LogVerification.Bad outside = outsideFindings(outcome.from());
            if (outside != null) {
                outcome = new LogVerifier.Outcome(outcome.treeSize(), outcome.root(), outcome.checkpoints(), outside,
                        outcome.from(), null);
            }
        }
        // only an intact pass is gone on from; a finding makes the next verification a full one
        verified = outcome.verified();
        if (start == null) {
            fullAt = outcome.intact() ? began : null;
        }
        Result result = new Result(outcome.intact() ? Status.OK : Status.FAILED, outcome.treeSize(),
                clock.instant(), outcome.firstBad(), outcome.from());
        LogVerification.Bad bad = result.firstBad();
        jdbc.update("INSERT INTO ledger_log_verification (checked_at, status, tree_size, root_hash, bad_index,"
                + " bad_event_id, bad_global_index, reason, node_id, from_tree_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(result.checkedAt()), result.status().name(), result.treeSize(), outcome.root(),
                bad == null ? null : bad.index(), bad == null ? null : bad.eventId(),
                bad == null ? null : bad.globalIndex(), bad == null ? null : truncate(bad.reason()), node,
                result.from());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (bad == null) {
            log.info("Ledger verification OK: {} leaves ({} from {} on) and {} checkpoints in {} ms",
                    outcome.treeSize(), outcome.treeSize() - outcome.from(), outcome.from(), outcome.checkpoints(),
                    millis);
        } else {
            // ids and indexes only: event ids are random, reasons name columns, never values
            log.error("Ledger verification FAILED at index {} (event {}, global index {}): {}", bad.index(),
                    bad.eventId(), bad.globalIndex(), bad.reason());
        }
        return result;
    }

    /**
     * What only the files can show: a checkpoint row deleted from the database, and the signing
     * check's divergence (the database's log against the largest checkpoint signed).
     */
    private LogVerification.Bad outsideFindings(long from) {
        Checkpoints.Divergence divergence = checkpoints.check(store.size(),
                size -> ledger.core.log.Proofs.root(size, store.hashes()));
        if (divergence != null) {
            return new LogVerification.Bad(divergence.firstDifferingIndex(), null, null, divergence.reason());
        }
        try {
            List<Path> files = Files.isDirectory(checkpointDir) ? CheckpointFiles.list(checkpointDir) : List.of();
            long verifiedSize = from;
            for (int start = 0; start < files.size(); start += 1000) {
                // a pass that went on from an earlier one looks at the files above where it started
                List<Long> sizes = files.subList(start, Math.min(files.size(), start + 1000)).stream()
                        .map(CheckpointFiles::sizeInName).filter(size -> size > verifiedSize).toList();
                java.util.Set<Long> stored = new java.util.HashSet<>(jdbc.queryForList(
                        "SELECT tree_size FROM ledger_log_checkpoint WHERE tree_size = ANY (?)", Long.class,
                        (Object) sizes.toArray(Long[]::new)));
                for (long size : sizes) {
                    if (!stored.contains(size)) {
                        return new LogVerification.Bad(null, null, null, "checkpoint " + size + " is in " + checkpointDir
                                + " but not in the database (its row was deleted)");
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the checkpoint directory cannot be read for verification", e);
        }
        return null;
    }

    /**
     * The latest stored result of any node, if a verification ever ran; FAILED at once while this
     * node's signing check found the database's log diverged from the signed checkpoints.
     */
    @Override
    public Optional<Result> latest() {
        Checkpoints.Divergence divergence = checkpoints.divergence();
        if (divergence != null) {
            return Optional.of(new Result(Status.FAILED, divergence.databaseSize(), clock.instant(),
                    new LogVerification.Bad(divergence.firstDifferingIndex(), null, null, divergence.reason())));
        }
        return jdbc.query("SELECT status, tree_size, checked_at, bad_index, bad_event_id, bad_global_index, reason,"
                + " from_tree_size FROM ledger_log_verification ORDER BY id DESC LIMIT 1", (rs, i) -> new Result(
                        Status.valueOf(rs.getString(1)), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        "FAILED".equals(rs.getString(1)) ? new LogVerification.Bad((Long) rs.getObject(4),
                                rs.getString(5), (Long) rs.getObject(6), rs.getString(7)) : null, rs.getLong(8)))
                .stream().findFirst();
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }
}
