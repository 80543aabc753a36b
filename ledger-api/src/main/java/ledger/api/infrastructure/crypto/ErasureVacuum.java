package ledger.api.infrastructure.crypto;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
 * autovacuum. VACUUM cannot run inside a transaction: it gets a connection of its own.
 */
public final class ErasureVacuum {

    private static final Logger log = LoggerFactory.getLogger(ErasureVacuum.class);

    private final DataSource dataSource;
    private final Supplier<List<DeadRowTables>> declarations;
    private volatile List<String> tables;

    /** The declarations are read at the first vacuum: the key vault is one of them and needs this. */
    public ErasureVacuum(DataSource dataSource, Supplier<List<DeadRowTables>> declarations) {
        this.dataSource = dataSource;
        this.declarations = declarations;
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
            run();
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
                    run();
                }
            }
        });
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
