package ledger.api.infrastructure.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's full verification of the log ({@link LogVerifier} on the stored checkpoints), on a
 * schedule and on request. Results are stored, so every node answers with the fleet's latest.
 * One verification at a time per node.
 */
public class LogVerification implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogVerification.class);
    /** The first scheduled verification after start comes at most this late. */
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    public enum Status { OK, FAILED }

    /** A verification's result; {@code firstBad} is null when the log is intact. */
    public record Result(Status status, long treeSize, Instant checkedAt, LogVerifier.Bad firstBad) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final LogVerifier verifier;
    private final Duration interval;
    private final String node;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    LogVerification(DataSource dataSource, JdbcTemplate jdbc, LogVerifier verifier, Duration interval, String node,
                    Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.interval = interval;
        this.node = node;
        this.clock = clock;
    }

    /** Verifies every leaf, root and stored checkpoint now, stores and answers the result. */
    public synchronized Result verifyNow() {
        long started = System.nanoTime();
        LogVerifier.Outcome outcome;
        try (Connection connection = dataSource.getConnection()) {
            outcome = verifier.verify(connection, LogVerifier.databaseNotes());
        } catch (SQLException e) {
            throw new IllegalStateException("the log cannot be read for verification", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the verification was interrupted", e);
        }
        Result result = new Result(outcome.intact() ? Status.OK : Status.FAILED, outcome.treeSize(),
                clock.instant(), outcome.firstBad());
        LogVerifier.Bad bad = result.firstBad();
        jdbc.update("INSERT INTO ledger_log_verification (checked_at, status, tree_size, root_hash, bad_index,"
                + " bad_event_id, bad_global_index, reason, node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(result.checkedAt()), result.status().name(), result.treeSize(), outcome.root(),
                bad == null ? null : bad.index(), bad == null ? null : bad.eventId(),
                bad == null ? null : bad.globalIndex(), bad == null ? null : truncate(bad.reason()), node);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (bad == null) {
            log.info("Ledger verification OK: {} leaves and {} checkpoints in {} ms", outcome.treeSize(),
                    outcome.checkpoints(), millis);
        } else {
            // ids and indexes only: event ids are random, reasons name columns, never values
            log.error("Ledger verification FAILED at index {} (event {}, global index {}): {}", bad.index(),
                    bad.eventId(), bad.globalIndex(), bad.reason());
        }
        return result;
    }

    /** The latest stored result of any node, if a verification ever ran. */
    public Optional<Result> latest() {
        return jdbc.query("SELECT status, tree_size, checked_at, bad_index, bad_event_id, bad_global_index, reason"
                + " FROM ledger_log_verification ORDER BY id DESC LIMIT 1", (rs, i) -> new Result(
                        Status.valueOf(rs.getString(1)), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        "FAILED".equals(rs.getString(1)) ? new LogVerifier.Bad((Long) rs.getObject(4),
                                rs.getString(5), (Long) rs.getObject(6), rs.getString(7)) : null))
                .stream().findFirst();
    }

    private static String truncate(String reason) {
        return reason.length() <= 1000 ? reason : reason.substring(0, 997) + "...";
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-log-verification");
            thread.setDaemon(true);
            return thread;
        });
        long first = Math.min(interval.toMillis(), FIRST_RUN.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                verifyNow();
            } catch (RuntimeException e) {
                log.warn("Scheduled ledger verification could not run ({}); next in {}", e.getClass().getName(),
                        interval);
            }
        }, first, interval.toMillis(), TimeUnit.MILLISECONDS);
        this.executor = executor;
    }

    @Override
    public void stop() {
        // not under the verification's lock: a verification in progress must not hold up the shutdown
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
