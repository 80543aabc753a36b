package ledger.api.infrastructure.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ledger.core.crypto.DeadRowTables;

/**
 * After an erasure commits, VACUUMs the key vault and the tables the erasure purged, so the dead
 * row versions that still held the key or the plaintext are removed rather than left until
 * autovacuum. VACUUM cannot remove a version that a transaction still running may see, so it runs
 * on a thread of its own once every transaction that began before the erasure committed has ended
 * (at most {@code ledger.erasure.vacuum-wait}); it needs a connection of its own anyway, outside
 * any transaction.
 */
public final class ErasureVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ErasureVacuum.class);

    private final DataSource dataSource;
    private final Supplier<List<DeadRowTables>> declarations;
    private final Duration maxWait;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "erasure-vacuum");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile List<String> tables;

    /** The declarations are read at the first vacuum: the key vault is one of them and needs this. */
    public ErasureVacuum(DataSource dataSource, Supplier<List<DeadRowTables>> declarations, Duration maxWait) {
        this.dataSource = dataSource;
        this.declarations = declarations;
        this.maxWait = maxWait;
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

    /** One vacuum pending covers every erasure committed before it starts: erasures in a burst share it. */
    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                runAfterOlderTransactions();
            });
        }
    }

    /**
     * Waits until no transaction that began before now is still open (their snapshots may still see
     * the dead versions), then runs the vacuum.
     */
    void runAfterOlderTransactions() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Timestamp committed;
            try (Statement statement = connection.createStatement();
                 ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
                now.next();
                committed = now.getTimestamp(1);
            }
            long deadline = System.nanoTime() + maxWait.toNanos();
            try (PreparedStatement older = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE pid <> pg_backend_pid() AND datname = current_database() AND xact_start < ?")) {
                older.setTimestamp(1, committed);
                while (System.nanoTime() < deadline) {
                    try (ResultSet count = older.executeQuery()) {
                        count.next();
                        if (count.getLong(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(50);
                }
            }
        } catch (SQLException e) {
            log.warn("Could not wait for older transactions before the erasure's VACUUM (SQL state {})",
                    e.getSQLState());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        run();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    public void run() {
        List<String> tables = tables();
        if (tables.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM " + String.join(", ", tables));
        } catch (SQLException e) {
            // The erasure stands (the key is shredded); autovacuum removes the dead versions later.
            log.warn("VACUUM after erasure failed (SQL state {}); autovacuum will reclaim the dead rows",
                    e.getSQLState());
        }
    }
}
