package ledger.api.infrastructure.keyvault;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.infrastructure.keyvault.HeldKeyRows.Row;
import ledger.core.crypto.AesGcm;
import ledger.core.crypto.KeyVault;
import ledger.core.crypto.SubjectErased;
import ledger.core.erasure.DeadRowTables;
import ledger.core.erasure.ShredFence;

/**
 * The key vault in PostgreSQL. Reads take a share lock on the key row for their transaction, so
 * an erasure (which updates the row) waits for readers in flight and, once it commits, every node
 * reads the tombstone: no decryption outlives an acknowledged erasure. New keys are wrapped under
 * the fleet's active master key; shredding only updates the row and needs no master key at all.
 */
final class JdbcKeyVault implements KeyVault, DeadRowTables, ShredFence {

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final FleetMasterKey fleet;
    private final ErasureVacuum vacuum;

    JdbcKeyVault(JdbcTemplate jdbc, MasterKeys masterKeys, FleetMasterKey fleet, ErasureVacuum vacuum) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.fleet = fleet;
        this.vacuum = vacuum;
    }

    @Override
    public byte[] keyForWriting(UUID subject) {
        Optional<Row> row = find(subject);
        if (row.isEmpty()) {
            byte[] fresh = AesGcm.newKey();
            String kekId = fleet.activeIdForWriting();
            byte[] wrapped = masterKeys.wrap(subject, fresh, kekId);
            // a row inserted here is the transaction's own (locked until it commits): held as a read row is;
            // a conflict (a row another transaction inserted meanwhile, a tombstone) is read as it is
            boolean inserted = !jdbc.queryForList("INSERT INTO data_key (subject_id, wrapped_key, kek_id)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1", Integer.class, subject, wrapped, kekId).isEmpty();
            if (inserted) {
                hold(subject, new Row(wrapped, kekId, false));
                return fresh;
            }
            row = find(subject);
        }
        Row found = row.orElseThrow(() -> new IllegalStateException("data key vanished while it was created"));
        if (found.shredded()) {
            throw new SubjectErased();
        }
        return masterKeys.unwrap(subject, found.kekId(), found.wrappedKey());
    }

    @Override
    public Optional<byte[]> keyForReading(UUID subject) {
        Row row = find(subject).orElseThrow(() -> new IllegalStateException(
                "no data key for a subject with encrypted data: the vault is incomplete, refusing to guess"));
        if (row.shredded()) {
            return Optional.empty();
        }
        return Optional.of(masterKeys.unwrap(subject, row.kekId(), row.wrappedKey()));
    }

    @Override
    public boolean shred(UUID subject) {
        HeldKeyRows held = HeldKeyRows.current();
        if (held != null) {
            held.forget(subject);
        }
        int shredded = jdbc.update("UPDATE data_key SET wrapped_key = NULL, kek_id = NULL, shredded_at = now()"
                + " WHERE subject_id = ? AND shredded_at IS NULL", subject);
        // A subject that never had a key still gets a tombstone: nothing may be minted later.
        int tombstoned = jdbc.update("INSERT INTO data_key (subject_id, shredded_at) VALUES (?, now())"
                + " ON CONFLICT DO NOTHING", subject);
        vacuum.afterCommit();
        return shredded + tombstoned > 0;
    }

    /** A share lock on the key row: an erasure's shred (an UPDATE of that row) waits for it, and it for the shred. */
    @Override
    public boolean shreddedHolding(UUID subject) {
        return find(subject).map(Row::shredded).orElse(false);
    }

    /** A shredded key's wrapped bytes stay in the old row version until VACUUM. */
    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("data_key");
    }

    /**
     * The key rows of {@code subjects} the transaction does not hold yet, read and locked {@code FOR SHARE} in one
     * statement and held for it ({@link HeldKeyRows}): a processor's batch reads the keys of all its members at once
     * instead of one statement per member. A subject with no key row is not held (it is asked again when used).
     */
    static void holdAll(JdbcTemplate jdbc, Collection<UUID> subjects) {
        HeldKeyRows held = HeldKeyRows.current();
        if (held == null) {
            return;
        }
        UUID[] missing = subjects.stream().distinct().filter(subject -> held.get(subject) == null).toArray(UUID[]::new);
        if (missing.length == 0) {
            return;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT subject_id, wrapped_key, kek_id,"
                    + " shredded_at IS NOT NULL FROM data_key WHERE subject_id = ANY(?) ORDER BY subject_id FOR SHARE");
            statement.setArray(1, connection.createArrayOf("uuid", missing));
            return statement;
        }, (ResultSet rs) -> {
            held.hold(rs.getObject(1, UUID.class), new Row(rs.getBytes(2), rs.getString(3), rs.getBoolean(4)));
        });
    }

    /** The key row, locked FOR SHARE for the transaction; read once per transaction ({@link HeldKeyRows}). */
    private Optional<Row> find(UUID subject) {
        HeldKeyRows held = HeldKeyRows.current();
        Row known = held == null ? null : held.get(subject);
        if (known != null) {
            return Optional.of(known);
        }
        List<Row> rows = jdbc.query("SELECT wrapped_key, kek_id, shredded_at IS NOT NULL FROM data_key"
                        + " WHERE subject_id = ? FOR SHARE",
                (rs, i) -> new Row(rs.getBytes(1), rs.getString(2), rs.getBoolean(3)), subject);
        Optional<Row> found = rows.stream().findFirst();
        // only a row that exists is locked: a missing one guards nothing and is asked again
        found.ifPresent(row -> hold(subject, row));
        return found;
    }

    /** Remembers a row this transaction locked (or created), so the transaction does not read it again. */
    private static void hold(UUID subject, Row row) {
        HeldKeyRows held = HeldKeyRows.current();
        if (held != null) {
            held.hold(subject, row);
        }
    }
}
