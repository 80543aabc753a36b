package ledger.api.infrastructure.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.postgresql.PGStatement;

import ledger.api.application.ledger.LogVerification;
import ledger.core.log.Checkpoint;
import ledger.core.log.CompactRange;
import ledger.core.log.EventRow;
import ledger.core.log.NoteVerificationException;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;
import ledger.core.log.StoredSubtrees;
import ledger.core.log.SubtreeHashes;

/**
 * Verifies the whole log from the event rows, with plain JDBC: the scheduled verification and the
 * offline {@code verify} command both run this class, so they cannot diverge.
 *
 * <p>In one read-only snapshot it streams every leaf in log order joined to its event row,
 * recomputes each leaf hash from the row (the stored {@code leaf_hash} is only used to name the
 * leaf that changed), folds them into the tree and, at the size of every signed checkpoint, compares
 * the root with the checkpoint's, after checking the checkpoint's signature with the public key alone.
 * Equal roots at every checkpoint also make consecutive checkpoints consistent; the subtree hashes
 * the service builds proofs from are checked against the last two checkpoints (root and consistency
 * proof). Event rows without a leaf are looked at again until {@code unsequencedGrace} has passed:
 * one that still has none is reported. The first problem found ends the verification.
 *
 * <p>Trusted: the public key, the checkpoints' signatures, and the order of {@code ledger_log_leaf}
 * only as far as it reproduces the signed roots. Nothing else stored by the service.
 */
public final class LogVerifier {

    /**
     * What was verified: the tree size and root recomputed from the rows, how many checkpoints, the first
     * problem; {@code from}: the tree size the pass went on from (0: every leaf); {@code verified}: what an
     * intact pass verified, to go on from next time (null after a finding).
     */
    public record Outcome(long treeSize, byte[] root, long checkpoints, LogVerification.Bad firstBad, long from,
                          Verified verified) {

        public Outcome(long treeSize, byte[] root, long checkpoints, LogVerification.Bad firstBad) {
            this(treeSize, root, checkpoints, firstBad, 0, null);
        }

        public boolean intact() {
            return firstBad == null;
        }

        public String rootBase64() {
            return Base64.getEncoder().encodeToString(root);
        }
    }

    /**
     * An intact pass's state at its end: the tree's right edge over every leaf it recomputed, the event
     * rows those leaves cover, the checkpoints it matched. Held in memory by the node that verified it,
     * never stored: a verification that goes on from it trusts nothing the database says about the
     * leaves below its size, only that the stored tree still agrees with it.
     */
    public static final class Verified {
        private final CompactRange range;
        private final BitSet covered;
        private final long checkpoints;
        private final String origin;
        private final Signed previous;
        private final Signed last;
        private final long lastMatched;
        private final long maxGlobalIndex;

        private Verified(Pass pass) {
            this.range = pass.range.copy();
            this.covered = (BitSet) pass.covered.clone();
            this.checkpoints = pass.checkpoints;
            this.origin = pass.origin;
            this.previous = pass.previous;
            this.last = pass.last;
            this.lastMatched = pass.lastMatched;
            this.maxGlobalIndex = pass.maxGlobalIndex;
        }

        public long treeSize() {
            return range.size();
        }

        public byte[] root() {
            return range.root();
        }
    }

    /** A signed checkpoint as found: where it was found, the tree size its name claims (or null), the note. */
    public record SignedNote(String source, Long claimedSize, String text) {
    }

    /** Signed checkpoints, smallest tree size first, read while the snapshot is open. */
    public interface NoteSource {

        /** Opens the notes; called once the snapshot is taken, on the snapshot's connection. */
        NoteCursor open(Connection snapshot) throws SQLException;
    }

    /** The next note, or null at the end. */
    public interface NoteCursor extends AutoCloseable {

        SignedNote next() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    private static final int UNSEQUENCED_SAMPLE = 1000;
    /**
     * Rows above a bound without a leaf (bound, bound): the bound is given again for the leaves, or PostgreSQL's
     * anti-join reads every leaf from the first.
     */
    static final String UNSEQUENCED = "SELECT e.global_index FROM domain_event_entry e WHERE e.global_index > ?"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_log_leaf l WHERE l.global_index = e.global_index"
            + " AND l.global_index > ?) ORDER BY e.global_index LIMIT " + UNSEQUENCED_SAMPLE;
    /** Rows per hashing task, and the threads that hash them while the reading thread reads on. */
    private static final int BATCH = 1000;
    private static final int HASHERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final NoteVerifier key;
    private final int fetchSize;
    private final Duration unsequencedGrace;
    private final Runnable unsequencedSeen;
    private final Clock clock;

    /**
     * @param unsequencedSeen called when rows without a leaf were seen and are about to be looked at
     *                        again (the service asks its sequencer for a sweep); may do nothing
     */
    public LogVerifier(NoteVerifier key, int fetchSize, Duration unsequencedGrace, Runnable unsequencedSeen,
                       Clock clock) {
        this.key = key;
        this.fetchSize = fetchSize;
        this.unsequencedGrace = unsequencedGrace;
        this.unsequencedSeen = unsequencedSeen;
        this.clock = clock;
    }

    /** The checkpoints stored in the database (the service's own verification). */
    public static NoteSource databaseNotes() {
        return snapshot -> {
            PreparedStatement statement = snapshot.prepareStatement(
                    "SELECT tree_size, note FROM ledger_log_checkpoint ORDER BY tree_size");
            statement.setFetchSize(1000);
            ResultSet rows = statement.executeQuery();
            return new NoteCursor() {
                @Override
                public SignedNote next() throws SQLException {
                    return rows.next() ? new SignedNote("stored checkpoint " + rows.getLong(1), rows.getLong(1),
                            rows.getString(2)) : null;
                }

                @Override
                public void close() throws SQLException {
                    statement.close();
                }
            };
        };
    }

    /**
     * The checkpoint files of a directory ({@code <tree size, 20 digits>.note}). They are listed now,
     * before the snapshot: every file listed was written after its checkpoint committed, so the
     * snapshot holds its leaves. Each file is read when the verification reaches its size.
     */
    public static NoteSource fileNotes(Path dir) throws IOException {
        List<Path> files = CheckpointFiles.list(dir);
        return snapshot -> new NoteCursor() {
            private int next;

            @Override
            public SignedNote next() {
                if (next == files.size()) {
                    return null;
                }
                Path file = files.get(next++);
                try {
                    return new SignedNote(file.getFileName().toString(), CheckpointFiles.sizeInName(file),
                            Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Two sources in one order of tree sizes (each must be in that order itself): the service's own
     * verification reads the stored checkpoints and the files outside the database together, so a
     * database cut back or rewritten with its own checkpoints still meets the files.
     */
    public static NoteSource merged(NoteSource first, NoteSource second) {
        return snapshot -> {
            NoteCursor a = first.open(snapshot);
            NoteCursor b = second.open(snapshot);
            return new NoteCursor() {
                private SignedNote nextA = a.next();
                private SignedNote nextB = b.next();

                @Override
                public SignedNote next() throws SQLException {
                    if (nextA == null && nextB == null) {
                        return null;
                    }
                    boolean takeA = nextB == null || nextA != null && size(nextA) <= size(nextB);
                    SignedNote taken = takeA ? nextA : nextB;
                    if (takeA) {
                        nextA = a.next();
                    } else {
                        nextB = b.next();
                    }
                    return taken;
                }

                private long size(SignedNote note) {
                    return note.claimedSize() == null ? Long.MAX_VALUE : note.claimedSize();
                }

                @Override
                public void close() throws SQLException {
                    try {
                        a.close();
                    } finally {
                        b.close();
                    }
                }
            };
        };
    }

    /**
     * Verifies the log in {@code connection}'s database. The connection's settings are restored
     * afterwards. Throws SQLException when the database cannot be read (that is no finding).
     */
    public Outcome verify(Connection connection, NoteSource notes) throws SQLException, InterruptedException {
        return verify(connection, notes, null);
    }

    /**
     * Verifies what was added since {@code start} (an intact pass of this verifier): the stored tree
     * must still hold the verified one (its root at the verified size, and a consistency proof from
     * it to the last checkpoint, both from the stored subtree hashes), then every leaf from the
     * verified size on is recomputed from its event row and folded into the verified edge, and every
     * checkpoint above that size is checked as in a full pass. The leaves below are not read again:
     * a row changed under them is found by the next full pass, not by this one. With {@code start}
     * null, a full pass.
     */
    public Outcome verify(Connection connection, NoteSource notes, Verified start)
            throws SQLException, InterruptedException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        Pass pass = start == null ? new Pass() : new Pass(start);
        List<Long> unsequenced;
        Instant seenAt;
        try {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                seenAt = clock.instant();
                unsequenced = unsequenced(connection, start == null ? -1 : start.maxGlobalIndex);
                try (NoteCursor cursor = notes.open(connection)) {
                    pass.run(connection, start == null ? cursor : above(cursor, start.treeSize()), start);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            connection.setAutoCommit(true);
            if (pass.bad == null && !unsequenced.isEmpty()) {
                pass.bad = stillUnsequenced(connection, unsequenced, seenAt);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(readOnly);
        }
        return new Outcome(pass.treeSize, pass.range.root(), pass.checkpoints, pass.bad,
                start == null ? 0 : start.treeSize(), pass.bad == null ? new Verified(pass) : null);
    }

    /** The notes of a larger tree than {@code size} (those up to it were checked by the pass gone on from). */
    private static NoteCursor above(NoteCursor cursor, long size) {
        return new NoteCursor() {
            @Override
            public SignedNote next() throws SQLException {
                SignedNote note = cursor.next();
                while (note != null && note.claimedSize() != null && note.claimedSize() <= size) {
                    note = cursor.next();
                }
                return note;
            }

            @Override
            public void close() throws SQLException {
                cursor.close();
            }
        };
    }

    /** A finding: ends the pass. */
    private static final class Found extends Exception {
        private final LogVerification.Bad bad;

        Found(LogVerification.Bad bad) {
            super(null, null, false, false);
            this.bad = bad;
        }
    }

    private record Signed(String source, long size, byte[] root) {
    }

    /** One streaming pass over the leaves, with the checkpoints merged in by size. */
    private final class Pass {
        private final CompactRange range;
        private final BitSet covered;
        private long treeSize;
        private long checkpoints;
        private LogVerification.Bad bad;
        private String origin;
        private Signed previous;
        private Signed last;
        private Signed pending;
        private long lastMatched;
        private long maxGlobalIndex = -1;

        Pass() {
            range = CompactRange.empty();
            covered = new BitSet();
        }

        /** Goes on from an intact pass, on copies of its state. */
        Pass(Verified start) {
            range = start.range.copy();
            covered = (BitSet) start.covered.clone();
            treeSize = range.size();
            checkpoints = start.checkpoints;
            origin = start.origin;
            previous = start.previous;
            last = start.last;
            lastMatched = start.lastMatched;
            maxGlobalIndex = start.maxGlobalIndex;
        }

        void run(Connection connection, NoteCursor cursor, Verified start) throws SQLException {
            try {
                if (start != null) {
                    verifiedTreeKept(connection, start);
                }
                pending = nextCheckpoint(cursor);
                checkpointsAt(treeSize, cursor);
                stream(connection, cursor);
                if (pending != null) {
                    throw new Found(new LogVerification.Bad(treeSize, null, null, "the log holds " + treeSize + " leaves but "
                            + pending.source() + " signs " + pending.size() + ": leaves " + treeSize + " to "
                            + (pending.size() - 1) + " are missing (the tail was truncated or the log rewritten)"));
                }
                storedSubtrees(connection, start);
            } catch (Found found) {
                bad = found.bad;
            }
        }

        private void stream(Connection connection, NoteCursor cursor) throws SQLException, Found {
            ExecutorService hashers = Executors.newFixedThreadPool(HASHERS, r -> {
                Thread thread = new Thread(r, "ledger-verify-hash");
                thread.setDaemon(true);
                return thread;
            });
            Deque<Future<List<Leaf>>> hashing = new ArrayDeque<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT l.leaf_index, l.global_index,"
                    + " l.event_identifier, l.leaf_hash, e.global_index, " + EventRows.COLUMNS
                    + " FROM ledger_log_leaf l LEFT JOIN domain_event_entry e ON e.global_index = l.global_index"
                    + " WHERE l.leaf_index >= ? ORDER BY l.leaf_index")) {
                statement.setLong(1, treeSize);
                statement.setFetchSize(fetchSize);
                // binary results: bytea arrives as bytes, not as hex text to decode
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                try (ResultSet rows = statement.executeQuery()) {
                    // this thread reads rows while others hash the batches read before; leaves are taken in order
                    List<Leaf> batch = new ArrayList<>(BATCH);
                    long read = treeSize;
                    while (rows.next()) {
                        batch.add(read(rows, read++));
                        if (batch.size() == BATCH) {
                            List<Leaf> full = batch;
                            hashing.add(hashers.submit(() -> hash(full)));
                            batch = new ArrayList<>(BATCH);
                            while (hashing.size() > HASHERS + 1) {
                                take(hashing.removeFirst(), cursor);
                            }
                        }
                    }
                    List<Leaf> rest = batch;
                    hashing.add(hashers.submit(() -> hash(rest)));
                    while (!hashing.isEmpty()) {
                        take(hashing.removeFirst(), cursor);
                    }
                }
            } finally {
                hashing.forEach(f -> f.cancel(true));
                hashers.shutdownNow();
            }
        }

        /** Folds a hashed batch into the tree, in log order; the first leaf with a problem ends the pass. */
        private void take(Future<List<Leaf>> batch, NoteCursor cursor) throws SQLException, Found {
            List<Leaf> leaves;
            try {
                leaves = batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing leaves", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing leaves failed", e.getCause());
            }
            for (Leaf leaf : leaves) {
                if (leaf.problem != null) {
                    throw new Found(leaf.problem);
                }
                range.append(leaf.hash);
                treeSize = range.size();
                checkpointsAt(treeSize, cursor);
            }
        }

        /** One leaf as read, with every check that needs no hash; the hash comes later, on another thread. */
        private Leaf read(ResultSet rows, long expected) throws SQLException {
            Leaf leaf = new Leaf();
            long index = rows.getLong(1);
            if (index != expected) {
                leaf.problem = new LogVerification.Bad(expected, null, null, "leaf " + expected + " is missing from the log (the"
                        + " next stored leaf is " + index + ")");
                return leaf;
            }
            long globalIndex = rows.getLong(2);
            String eventId = rows.getString(3);
            leaf.stored = rows.getBytes(4);
            leaf.index = index;
            leaf.eventId = eventId;
            leaf.globalIndex = globalIndex;
            rows.getLong(5);
            if (rows.wasNull()) {
                leaf.problem = new LogVerification.Bad(index, eventId, globalIndex, "the event row of this leaf is missing (deleted)");
                return leaf;
            }
            maxGlobalIndex = Math.max(maxGlobalIndex, globalIndex);
            if (globalIndex >= 0 && globalIndex <= Integer.MAX_VALUE) {
                if (covered.get((int) globalIndex)) {
                    leaf.problem = new LogVerification.Bad(index, eventId, globalIndex, "a second leaf for the same event row");
                    return leaf;
                }
                covered.set((int) globalIndex);
            }
            leaf.row = EventRows.read(rows, 6);
            if (!leaf.row.eventIdentifier().equals(eventId)) {
                leaf.problem = new LogVerification.Bad(index, eventId, globalIndex, "the event row at this global index is another"
                        + " event (" + leaf.row.eventIdentifier() + ") than the one sequenced");
            }
            return leaf;
        }

        /** Compares the root with every checkpoint of this size, then moves on to the next size. */
        private void checkpointsAt(long size, NoteCursor cursor) throws SQLException, Found {
            // every checkpoint of this size (a stored one and its file) must match before the size counts as matched
            long matchedBefore = lastMatched;
            while (pending != null && pending.size() == size) {
                if (!MessageDigest.isEqual(range.root(), pending.root())) {
                    throw new Found(new LogVerification.Bad(matchedBefore, null, null, "the root of the first " + size + " leaves"
                            + " differs from " + pending.source() + ": a leaf from " + matchedBefore + " on was"
                            + " changed, removed or moved (the stored leaf hashes were altered with it)"));
                }
                lastMatched = size;
                previous = last;
                last = pending;
                pending = nextCheckpoint(cursor);
            }
        }

        /** The next checkpoint with a valid signature, parsed; any other note is a finding. */
        private Signed nextCheckpoint(NoteCursor cursor) throws SQLException, Found {
            SignedNote note = cursor.next();
            if (note == null) {
                return null;
            }
            checkpoints++;
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.parse(key.verify(note.text()));
            } catch (NoteVerificationException e) {
                throw new Found(new LogVerification.Bad(null, null, null, note.source() + ": " + e.getMessage()
                        + " (replaced, or signed with another key)"));
            } catch (IllegalArgumentException e) {
                throw new Found(new LogVerification.Bad(null, null, null, note.source() + ": not a checkpoint: " + e.getMessage()));
            }
            if (origin == null) {
                origin = checkpoint.origin();
            } else if (!origin.equals(checkpoint.origin())) {
                throw new Found(new LogVerification.Bad(null, null, null, note.source() + ": signed for another log (origin "
                        + checkpoint.origin() + ", not " + origin + ")"));
            }
            if (note.claimedSize() != null && note.claimedSize() != checkpoint.treeSize()) {
                throw new Found(new LogVerification.Bad(null, null, null, note.source() + ": named for tree size "
                        + note.claimedSize() + " but signs tree size " + checkpoint.treeSize()));
            }
            Signed signed = new Signed(note.source(), checkpoint.treeSize(), checkpoint.rootHash());
            // the same size twice (a stored checkpoint and its file): both are compared with the root
            if (pending != null && signed.size() < pending.size() || signed.size() < treeSize) {
                throw new Found(new LogVerification.Bad(null, null, null, note.source() + ": out of order (tree size "
                        + signed.size() + ")"));
            }
            return signed;
        }

        /**
         * The stored tree still holds the tree an earlier pass verified: its root at the verified size
         * from the stored subtree hashes (what proofs are served from) is the verified root.
         */
        private void verifiedTreeKept(Connection connection, Verified start) throws SQLException, Found {
            long size = start.treeSize();
            if (size == 0) {
                return;
            }
            byte[] stored;
            try {
                stored = withStoredSubtrees(connection, hashes -> Proofs.root(size, hashes));
            } catch (IllegalStateException e) {
                stored = null;
            }
            if (stored == null || !MessageDigest.isEqual(stored, start.root())) {
                throw new Found(new LogVerification.Bad(null, null, null, "the stored log no longer holds the "
                        + size + " leaves verified before: its root of them differs from the verified one (the log"
                        + " below the last verified size was changed, cut back or rebuilt)"));
            }
        }

        private interface StoredUse<T> {
            T apply(SubtreeHashes stored);
        }

        /** Runs {@code use} on the stored subtree hashes, read on demand on the snapshot's connection. */
        private <T> T withStoredSubtrees(Connection connection, StoredUse<T> use) throws SQLException {
            try (PreparedStatement leaves = connection.prepareStatement("SELECT leaf_hash FROM ledger_log_leaf"
                    + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index");
                 PreparedStatement node = connection.prepareStatement(
                         "SELECT hash FROM ledger_log_node WHERE level = ? AND node_index = ?")) {
                SubtreeHashes stored = StoredSubtrees.of((from, to) -> {
                    try {
                        leaves.setLong(1, from);
                        leaves.setLong(2, to);
                        List<byte[]> hashes = new ArrayList<>();
                        try (ResultSet rows = leaves.executeQuery()) {
                            while (rows.next()) {
                                hashes.add(rows.getBytes(1));
                            }
                        }
                        return hashes;
                    } catch (SQLException e) {
                        throw new StoredSubtreeUnreadable(e);
                    }
                }, (level, index) -> {
                    try {
                        node.setInt(1, level);
                        node.setLong(2, index);
                        try (ResultSet row = node.executeQuery()) {
                            return row.next() ? row.getBytes(1) : null;
                        }
                    } catch (SQLException e) {
                        throw new StoredSubtreeUnreadable(e);
                    }
                });
                try {
                    return use.apply(stored);
                } catch (StoredSubtreeUnreadable e) {
                    throw e.getCause();
                }
            }
        }

        /**
         * The subtree hashes that proofs are served from agree with the last two checkpoints, and (going
         * on from an earlier pass) a consistency proof from the verified tree to the last checkpoint
         * verifies.
         */
        private void storedSubtrees(Connection connection, Verified start) throws SQLException, Found {
            if (last == null || last.size() == 0) {
                return;
            }
            String problem = withStoredSubtrees(connection, stored -> {
                try {
                    if (!MessageDigest.isEqual(Proofs.root(last.size(), stored), last.root())) {
                        return "their root of " + last.size() + " leaves differs from " + last.source();
                    }
                    if (previous != null && previous.size() > 0 && !Proofs.verifyConsistency(previous.size(),
                            last.size(), previous.root(), last.root(),
                            Proofs.consistency(previous.size(), last.size(), stored))) {
                        return "their consistency proof from " + previous.source() + " to " + last.source()
                                + " does not verify";
                    }
                    long verified = start == null ? 0 : start.treeSize();
                    if (verified > 0 && verified < last.size() && !Proofs.verifyConsistency(verified, last.size(),
                            start.root(), last.root(), Proofs.consistency(verified, last.size(), stored))) {
                        return "their consistency proof from the " + verified + " leaves verified before to "
                                + last.source() + " does not verify";
                    }
                    return null;
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            });
            if (problem != null) {
                throw new Found(new LogVerification.Bad(null, null, null, "the stored subtree hashes that proofs are built from"
                        + " are wrong: " + problem));
            }
        }
    }

    /** A leaf on its way through the pass: what was read, then its recomputed hash or its problem. */
    private static final class Leaf {
        private long index;
        private String eventId;
        private long globalIndex;
        private byte[] stored;
        private EventRow row;
        private byte[] hash;
        private LogVerification.Bad problem;
    }

    /** The leaf hashes recomputed from the rows (the costly part: SHA-256 over every payload). */
    private static List<Leaf> hash(List<Leaf> batch) {
        for (Leaf leaf : batch) {
            if (leaf.problem != null) {
                continue;
            }
            try {
                leaf.hash = leaf.row.leafHash();
            } catch (IllegalArgumentException e) {
                leaf.problem = new LogVerification.Bad(leaf.index, leaf.eventId, leaf.globalIndex, "the event row cannot form a leaf: "
                        + e.getMessage());
                continue;
            }
            if (!MessageDigest.isEqual(leaf.hash, leaf.stored)) {
                leaf.problem = new LogVerification.Bad(leaf.index, leaf.eventId, leaf.globalIndex, "the event row changed after it was"
                        + " sequenced (its leaf hash differs): one of its covered columns (aggregate, sequence number,"
                        + " type, time stamp, payload type or revision, payload, metadata) was altered");
            }
            leaf.row = null;
        }
        return batch;
    }


    private static final class StoredSubtreeUnreadable extends RuntimeException {
        StoredSubtreeUnreadable(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * The global indexes of event rows above {@code above} without a leaf in the snapshot (a sample: the
     * first ones). A pass that goes on from an earlier one looks above the largest global index that
     * pass covered: a row inserted below it since, behind the log's back, is the next full pass's finding.
     */
    private List<Long> unsequenced(Connection connection, long above) throws SQLException {
        List<Long> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UNSEQUENCED)) {
            statement.setLong(1, above);
            statement.setLong(2, above);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getLong(1));
                }
            }
        }
        return rows;
    }

    /** Looks again until every row seen without a leaf has one, or the grace has passed. */
    private LogVerification.Bad stillUnsequenced(Connection connection, List<Long> seen, Instant seenAt)
            throws SQLException, InterruptedException {
        unsequencedSeen.run();
        Long[] indexes = seen.toArray(Long[]::new);
        Instant deadline = seenAt.plus(unsequencedGrace);
        while (true) {
            long globalIndex = -1;
            String eventId = null;
            try (PreparedStatement statement = connection.prepareStatement("SELECT e.global_index,"
                    + " e.event_identifier FROM domain_event_entry e WHERE e.global_index = ANY(?) AND NOT EXISTS"
                    + " (SELECT 1 FROM ledger_log_leaf l WHERE l.global_index = e.global_index)"
                    + " ORDER BY e.global_index LIMIT 1")) {
                Array array = connection.createArrayOf("bigint", indexes);
                statement.setArray(1, array);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        globalIndex = result.getLong(1);
                        eventId = result.getString(2);
                    }
                }
            }
            if (eventId == null) {
                return null;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return new LogVerification.Bad(null, eventId, globalIndex, "an event row without a leaf " + unsequencedGrace
                        + " after it was first seen: it is not in the log (inserted behind the log's back, or no"
                        + " sequencer runs)");
            }
            Thread.sleep(Math.max(1, Math.min(100, Duration.between(now, deadline).toMillis())));
        }
    }
}
