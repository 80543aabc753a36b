package ledger.api.infrastructure.keyvault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.core.erasure.DeadRowTables;

/**
 * After an erasure commits, VACUUMs the key vault and the tables the erasure purged, so the dead
 * row versions that still held the key or the plaintext are removed rather than left until
 * autovacuum. VACUUM cannot remove a version that a transaction still running may see, so it runs
 * on a thread of its own once every transaction that began before the erasure committed has ended
 * (at most {@code ledger.erasure.vacuum-wait}); it needs a connection of its own anyway, outside
 * any transaction.
 * <p>
 * VACUUM marks the space free but leaves the bytes, so the tables that hold personal data in
 * plain text ({@link DeadRowTables#tablesWithPlaintext()}) are then rewritten with VACUUM FULL:
 * their new files hold live rows only (docs/decisions.md, "Free space after an erasure"). It
 * takes an exclusive lock for the rewrite, table by table. While it waits for that lock every later
 * reader and writer of the table queues behind it, and PostgreSQL reorders such a queue only after
 * {@code deadlock_timeout} (1 s): with commands writing the member view that was their p99. So it waits
 * {@link #LOCK_TIMEOUT} at most, steps out of the queue and tries again shortly after, up to
 * {@link #REWRITE_TRIES} times per pass.
 */
public final class ErasureVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErasureVacuum.class);
    static final int ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MILLIS = 1000;

    private final DataSource dataSource;
    private final Supplier<List<DeadRowTables>> declarations;
    private final Duration maxWait;
    private final Duration interval;
    /** When the last vacuum started ({@link System#nanoTime()}). */
    private volatile long lastStarted = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private final NodeLoop executor = NodeLoop.start("erasure-vacuum");
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private volatile List<String> tables;
    private volatile List<String> plaintextTables;
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(100);
    static final int REWRITE_TRIES = 50;
    /** PostgreSQL's lock_not_available: the lock_timeout expired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private final AtomicLong rewrites = new AtomicLong();

    /** The declarations are read at the first vacuum: the key vault is one of them and needs this. */
    public ErasureVacuum(DataSource dataSource, Supplier<List<DeadRowTables>> declarations, Duration maxWait,
                         Duration interval) {
        this.dataSource = dataSource;
        this.declarations = declarations;
        this.maxWait = maxWait;
        this.interval = interval;
    }

    /** Every table a declaration names, sorted, each once. */
    public List<String> tables() {
        List<String> known = tables;
        if (known == null) {
            known = declarations.get().stream().flatMap(d -> d.tablesWithDeadRows().stream()).distinct().sorted()
                    .toList();
            for (String table : known) {
                if (!table.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a table name: " + table);
                }
            }
            tables = known;
        }
        return known;
    }

    /** The tables to rewrite after an erasure, sorted, each once. */
    public List<String> plaintextTables() {
        List<String> known = plaintextTables;
        if (known == null) {
            List<String> all = tables();
            known = declarations.get().stream().flatMap(d -> d.tablesWithPlaintext().stream()).distinct().sorted()
                    .toList();
            for (String table : known) {
                if (!all.contains(table)) {
                    throw new IllegalArgumentException("a table with plaintext must also be declared with dead rows: "
                            + table);
                }
            }
            plaintextTables = known;
        }
        return known;
    }

    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            schedule();
            return;
        }
        String resource = ErasureVacuum.class.getName();
        if (TransactionSynchronizationManager.hasResource(resource)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(resource, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(resource);
                if (status == STATUS_COMMITTED) {
                    schedule();
                }
            }
        });
    }

    /**
     * One vacuum pending covers every erasure committed before it starts, and one starts at most every
     * {@code interval}: erasures in a burst (retention, a campaign) share one rewrite of each table instead of
     * one each (896 per table in 25 minutes of erasures, before).
     */
    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastStarted + interval.toNanos() - System.nanoTime());
            executor.after(Duration.ofNanos(wait), () -> {
                pending.set(false);
                lastStarted = System.nanoTime();
                runs.incrementAndGet();
                runAfterOlderTransactions();
            });
        }
    }

    /** Rewrites of the plaintext tables done on this node so far. */
    long rewrites() {
        return rewrites.get();
    }

    /** Vacuums (each up to {@link #ATTEMPTS} passes) started on this node so far. */
    long runs() {
        return runs.get();
    }

    /**
     * Waits until no transaction that began before now still holds a snapshot (it may see the dead
     * versions), then vacuums; repeats while the tables report dead versions left behind (still
     * visible to a snapshot, or on a page another session had pinned), at most
     * {@link #ATTEMPTS} times.
     */
    void runAfterOlderTransactions() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            boolean olderEnded;
            try {
                olderEnded = awaitOlderSnapshots();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean rewritten = run();
            // Dead versions of a later erasure are the pending vacuum's: this one is done. A table rewritten
            // once the older snapshots had ended holds no version an earlier erasure left (its dead versions
            // are later updates', always some under load): only the tables vacuumed in place are looked at.
            List<String> toCheck = olderEnded ? notRewritten() : tables();
            if (rewritten && (pending.get() || deadVersionsLeft(toCheck) == 0)) {
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True once no transaction older than the call holds a snapshot; false when the wait ran out or failed. */
    private boolean awaitOlderSnapshots() throws InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Timestamp now;
            try (Statement statement = connection.createStatement();
                 ResultSet clock = statement.executeQuery("SELECT clock_timestamp()")) {
                clock.next();
                now = clock.getTimestamp(1);
            }
            long deadline = System.nanoTime() + maxWait.toNanos();
            try (PreparedStatement older = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE pid <> pg_backend_pid() AND datname = current_database() AND xact_start < ?"
                    + " AND backend_xmin IS NOT NULL")) {
                older.setTimestamp(1, now);
                while (System.nanoTime() < deadline) {
                    try (ResultSet count = older.executeQuery()) {
                        count.next();
                        if (count.getLong(1) == 0) {
                            return true;
                        }
                    }
                    Thread.sleep(50);
                }
            }
        } catch (SQLException e) {
            log.warn("Could not wait for older transactions before the erasure's VACUUM (SQL state {})",
                    e.getSQLState());
        }
        return false;
    }

    private List<String> notRewritten() {
        return tables().stream().filter(table -> !plaintextTables().contains(table)).toList();
    }

    /** What the last VACUUM of each table reported it could not remove, plus what was deleted since. */
    private long deadVersionsLeft(List<String> tables) {
        if (tables.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement dead = connection.prepareStatement("SELECT coalesce(sum(n_dead_tup), 0)"
                     + " FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY (?)")) {
            connection.setAutoCommit(true);
            dead.setArray(1, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet count = dead.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        executor.stop();
    }

    /** VACUUMs the declared tables, then rewrites those with plaintext; false when the rewrite did not happen. */
    public boolean run() {
        List<String> tables = tables();
        if (tables.isEmpty()) {
            return true;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM " + String.join(", ", tables));
        } catch (SQLException e) {
            // The erasure stands (the key is shredded); autovacuum removes the dead versions later.
            log.warn("VACUUM after erasure failed (SQL state {}); autovacuum will reclaim the dead rows",
                    e.getSQLState());
        }
        return rewrite();
    }

    private boolean rewrite() {
        List<String> left = new ArrayList<>(plaintextTables());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
            try {
                for (int attempt = 1; !left.isEmpty() && attempt <= REWRITE_TRIES; attempt++) {
                    try {
                        statement.execute("VACUUM (FULL) " + left.get(0));
                        left.remove(0);
                    } catch (SQLException e) {
                        if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                            throw e;
                        }
                        // out of the queue; the transactions ahead are short, the next try finds a gap
                        Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
                    }
                }
            } finally {
                statement.execute("RESET lock_timeout");
            }
            if (left.isEmpty()) {
                rewrites.incrementAndGet();
                return true;
            }
            log.warn("Rewriting the tables with plaintext after an erasure found no gap in {} tries; tried again",
                    REWRITE_TRIES);
            return false;
        } catch (SQLException e) {
            log.warn("Rewriting the tables with plaintext after an erasure failed (SQL state {}); tried again",
                    e.getSQLState());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
