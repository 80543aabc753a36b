package ledger.api.infrastructure.log;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import ledger.api.application.ledger.TransparencyLog;
import ledger.core.log.StoredSubtrees;
import ledger.core.log.SubtreeHashes;

/** The log's tables: leaves, the perfect subtrees above them, signed checkpoints. */
final class JdbcLogStore {

    private static final RowMapper<TransparencyLog.Leaf> LEAF = (rs, i) -> new TransparencyLog.Leaf(rs.getLong(1),
            rs.getString(2), rs.getLong(3), rs.getBytes(4));
    private static final RowMapper<TransparencyLog.SignedCheckpoint> CHECKPOINT = (rs, i) ->
            new TransparencyLog.SignedCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getString(4));

    private final JdbcTemplate jdbc;

    JdbcLogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Leaves are dense from 0, so the size is the last index plus one (a backward index scan). */
    long size() {
        Long last = jdbc.queryForObject("SELECT max(leaf_index) FROM ledger_log_leaf", Long.class);
        return last == null ? 0 : last + 1;
    }

    /**
     * Levels below {@link StoredSubtrees#LOWEST_STORED_LEVEL} from the leaves they cover, every level above from
     * the stored subtrees; null where none is stored.
     */
    SubtreeHashes hashes() {
        return StoredSubtrees.of((from, to) -> jdbc.queryForList("SELECT leaf_hash FROM ledger_log_leaf"
                + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index", byte[].class, from, to),
                (level, index) -> jdbc.queryForList("SELECT hash FROM ledger_log_node WHERE level = ? AND node_index = ?",
                        byte[].class, level, index).stream().findFirst().orElse(null));
    }

    List<TransparencyLog.Leaf> leaves(long start, long end) {
        return jdbc.query("SELECT leaf_index, event_identifier, global_index, leaf_hash FROM ledger_log_leaf"
                + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index", LEAF, start, end);
    }

    /** The newest stored event of the aggregate whose payload type is {@code payloadType}. */
    Optional<String> lastEventOfType(String aggregateIdentifier, String payloadType) {
        return jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type = ? ORDER BY sequence_number DESC LIMIT 1", String.class, aggregateIdentifier,
                payloadType).stream().findFirst();
    }

    /**
     * Found through the event row's global index: the leaf table has no index on the event id (one index
     * entry less per event); a leaf whose event row is gone is still listed by leaf index.
     */
    Optional<TransparencyLog.Leaf> leaf(String eventId) {
        return jdbc.query("SELECT l.leaf_index, l.event_identifier, l.global_index, l.leaf_hash FROM ledger_log_leaf l"
                + " WHERE l.global_index IN (SELECT e.global_index FROM domain_event_entry e WHERE e.event_identifier = ?)"
                + " AND l.event_identifier = ?", LEAF, eventId, eventId).stream().findFirst();
    }

    Optional<TransparencyLog.SignedCheckpoint> latestCheckpoint() {
        return jdbc.query("SELECT tree_size, root_hash, note, cosignatures FROM ledger_log_checkpoint ORDER BY tree_size DESC"
                + " LIMIT 1", CHECKPOINT).stream().findFirst();
    }

    /** The smallest signed checkpoint that covers {@code treeSize} leaves. */
    Optional<TransparencyLog.SignedCheckpoint> checkpointCovering(long treeSize) {
        return jdbc.query("SELECT tree_size, root_hash, note, cosignatures FROM ledger_log_checkpoint WHERE tree_size >= ?"
                + " ORDER BY tree_size LIMIT 1", CHECKPOINT, treeSize).stream().findFirst();
    }

    /** The size of the latest checkpoint and when it was signed. */
    record Latest(long treeSize, Instant signedAt) {
    }

    /** The latest checkpoint's size and signing time, or null when none is stored. */
    Latest latestSigned() {
        return jdbc.query("SELECT tree_size, signed_at FROM ledger_log_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, i) -> new Latest(rs.getLong(1), rs.getTimestamp(2).toInstant())).stream().findFirst().orElse(null);
    }

    /** Stores a checkpoint; one of the same size stored meanwhile (same leaves, so the same root) wins. */
    void insertCheckpoint(long treeSize, byte[] root, String note, Instant signedAt) {
        jdbc.update("INSERT INTO ledger_log_checkpoint (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tree_size) DO NOTHING", treeSize, root, note, Timestamp.from(signedAt));
    }

    /** Checkpoints above {@code treeSize}, oldest first, at most {@code limit}: what a node has not exported yet. */
    List<TransparencyLog.SignedCheckpoint> checkpointsAfter(long treeSize, int limit) {
        return jdbc.query("SELECT tree_size, root_hash, note, cosignatures FROM ledger_log_checkpoint WHERE tree_size > ?"
                + " ORDER BY tree_size LIMIT ?", CHECKPOINT, treeSize, limit);
    }

    /** The stored rows of one aggregate's events in sequence, each with its leaf index (null: no leaf yet). */
    List<TransparencyLog.StoredEvent> eventsOf(String aggregateIdentifier) {
        return jdbc.query("SELECT " + EventRows.COLUMNS + ", l.leaf_index FROM domain_event_entry e"
                + " LEFT JOIN ledger_log_leaf l ON l.global_index = e.global_index"
                + " AND l.event_identifier = e.event_identifier WHERE e.aggregate_identifier = ?"
                + " ORDER BY e.sequence_number", (rs, i) -> new TransparencyLog.StoredEvent(EventRows.read(rs, 1),
                rs.getObject(10) == null ? null : rs.getLong(10)), aggregateIdentifier);
    }

    /**
     * The cosignature lines of the largest checkpoint signed at least {@code seconds} ago (by the database's
     * clock): one whose round of witnessing had time to end. Empty when there is none.
     */
    Optional<String> settledCosignatures(long seconds) {
        return jdbc.queryForList("SELECT cosignatures FROM ledger_log_checkpoint"
                + " WHERE signed_at < now() - make_interval(secs => ?) ORDER BY tree_size DESC LIMIT 1", String.class,
                (double) seconds).stream().findFirst();
    }

    /** The leaf index of each of the events that has a leaf (one query, whatever the number of events). */
    java.util.Map<String, Long> leafIndexes(java.util.Collection<String> eventIds) {
        java.util.Map<String, Long> indexes = new java.util.HashMap<>();
        if (eventIds.isEmpty()) {
            return indexes;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT l.event_identifier, l.leaf_index FROM ledger_log_leaf l"
                    + " JOIN domain_event_entry e ON e.global_index = l.global_index"
                    + " AND e.event_identifier = l.event_identifier WHERE e.event_identifier = ANY (?)");
            statement.setArray(1, connection.createArrayOf("varchar", eventIds.toArray(String[]::new)));
            return statement;
        }, rs -> {
            indexes.put(rs.getString(1), rs.getLong(2));
        });
        return indexes;
    }

    /** Replaces the cosignature lines kept for a checkpoint (the valid ones a round of witnessing gathered). */
    void storeCosignatures(long treeSize, String cosignatures) {
        jdbc.update("UPDATE ledger_log_checkpoint SET cosignatures = ? WHERE tree_size = ?", cosignatures, treeSize);
    }

    /** The checkpoint of exactly {@code treeSize} leaves. */
    Optional<TransparencyLog.SignedCheckpoint> checkpoint(long treeSize) {
        return jdbc.query("SELECT tree_size, root_hash, note, cosignatures FROM ledger_log_checkpoint WHERE tree_size = ?",
                CHECKPOINT, treeSize).stream().findFirst();
    }

    /** Checkpoint sizes from the largest down, at most {@code limit}. */
    List<Long> checkpointSizesDescending(int limit) {
        return jdbc.queryForList("SELECT tree_size FROM ledger_log_checkpoint ORDER BY tree_size DESC LIMIT ?",
                Long.class, limit);
    }
}
