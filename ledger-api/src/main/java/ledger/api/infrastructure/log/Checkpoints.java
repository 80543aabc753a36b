package ledger.api.infrastructure.log;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ledger.api.application.ledger.TransparencyLog;
import ledger.core.log.Checkpoint;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;

/**
 * Signs checkpoints, stores them in PostgreSQL and exports each to a file outside it. Every node
 * exports the checkpoints it has not written yet (whoever signed them), so each node's directory
 * holds the fleet's checkpoints from the node's first start on.
 * <p>
 * Never two roots for one size: before it signs (and at start) the log in the database is checked
 * against the largest checkpoint in the directory, which the database cannot rewrite. A database
 * whose log is shorter than that checkpoint (a truncated tail, a restored older backup) or whose
 * first leaves hash to another root (a rewritten tail) has diverged from what the log's key
 * signed: nothing is signed any more on this node, the health component {@code ledgerLog} is down
 * and the verification reports it, until people have found out which history is the true one and
 * restarted the node on it.
 */
final class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final int EXPORT_BATCH = 1000;

    private final JdbcLogStore store;
    private final NoteSigner signer;
    private final String origin;
    private final CheckpointFiles files;
    private final Clock clock;
    /** The largest tree size this node knows to be in its directory; -2 until looked up. */
    private long exported = -2;
    private Instant quietUntil = Instant.MIN;
    /** Set once the database's log is found to disagree with the signed checkpoints outside it. */
    private volatile Divergence divergence;

    /**
     * The database's log disagrees with a checkpoint the log's key signed: {@code firstDifferingIndex}
     * is the first leaf not proven equal (every leaf before it is covered by a checkpoint that still
     * matches); {@code signedSize} the size of the checkpoint it disagrees with.
     */
    record Divergence(long firstDifferingIndex, long signedSize, long databaseSize, String reason) {
    }

    /** Told of every checkpoint this node signs (the witnesses' cosigning); nothing by default. */
    private volatile java.util.function.Consumer<TransparencyLog.SignedCheckpoint> onSigned = checkpoint -> { };

    Checkpoints(JdbcLogStore store, NoteSigner signer, String origin, CheckpointFiles files, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.origin = origin;
        this.files = files;
        this.clock = clock;
    }

    void onSigned(java.util.function.Consumer<TransparencyLog.SignedCheckpoint> listener) {
        this.onSigned = listener;
    }

    String verifierKey() {
        return signer.verifierKey();
    }

    /**
     * A node must sign with the key and origin of the checkpoints already stored, or its checkpoints
     * would not verify with the public key the auditors hold: it refuses to start instead.
     */
    void requireSameKeyAsStored() {
        store.latestCheckpoint().ifPresent(latest -> {
            Checkpoint signed;
            try {
                signed = Checkpoint.parse(NoteVerifier.parse(signer.verifierKey()).verify(latest.note()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Refusing to start: the latest stored checkpoint (tree size "
                        + latest.treeSize() + ") does not verify with this node's signing key " + keyId()
                        + "; give every node the same LEDGER_SIGNING_KEY (or key file) and LEDGER_LOG_ORIGIN");
            }
            if (!signed.origin().equals(origin)) {
                throw new IllegalStateException("Refusing to start: the stored checkpoints name the log "
                        + signed.origin() + ", this node's LEDGER_LOG_ORIGIN is " + origin);
            }
        });
    }

    /** The key's name and hash: enough to tell keys apart, nothing secret. */
    private String keyId() {
        String key = signer.verifierKey();
        return key.substring(0, key.lastIndexOf('+'));
    }

    /** The divergence found, if any: while there is one, nothing is signed. */
    Divergence divergence() {
        return divergence;
    }

    /**
     * Checks the database's log ({@code databaseSize} leaves, {@code rootAt} the root of a prefix)
     * against the largest checkpoint in the directory; answers the divergence (also remembered).
     */
    synchronized Divergence check(long databaseSize, LongFunction<byte[]> rootAt) {
        if (divergence != null) {
            return divergence;
        }
        Checkpoint highest = files.highest().map(this::verified).orElse(null);
        if (highest == null) {
            return null;
        }
        long size = highest.treeSize();
        String reason = null;
        if (databaseSize < size) {
            reason = "the database's log holds " + databaseSize + " leaves but checkpoint " + size + " was signed and"
                    + " is in " + files.dir() + ": its last leaves are missing or replaced (a truncated tail or a"
                    + " restored older database)";
        } else if (!MessageDigest.isEqual(rootAt.apply(size), highest.rootHash())) {
            reason = "the root of the database's first " + size + " leaves differs from the signed checkpoint in "
                    + files.dir() + " (a rewritten tail)";
        } else {
            JdbcLogStore.Latest stored = store.latestSigned();
            if (stored == null || stored.treeSize() < size) {
                reason = "checkpoint " + size + " is in " + files.dir() + " but not in the database (its row was"
                        + " deleted, or an older database restored)";
            }
        }
        Divergence found = null;
        if (reason != null) {
            long matched = lastMatching(Math.min(size - 1, databaseSize), rootAt);
            found = new Divergence(matched, size, databaseSize, reason + "; every leaf below " + matched
                    + " is covered by a signed checkpoint that still matches");
        }
        if (found != null) {
            divergence = found;
            // one line: sizes, indexes and a directory, never data
            log.error("The ledger's log in the database diverged from its signed checkpoints (first differing index"
                    + " {}): {}. Signing stopped on this node; the log's key must never sign a second history",
                    found.firstDifferingIndex(), found.reason());
        }
        return found;
    }

    /**
     * The largest checkpoint file of at most {@code limit} leaves whose root the database's log still
     * has (0 when none): every leaf below it is proven unchanged, the first differing one is at or above it.
     */
    private long lastMatching(long limit, LongFunction<byte[]> rootAt) {
        try {
            List<java.nio.file.Path> all = CheckpointFiles.list(files.dir());
            for (int i = all.size() - 1; i >= 0; i--) {
                long candidate = CheckpointFiles.sizeInName(all.get(i));
                if (candidate > limit || candidate <= 0) {
                    continue;
                }
                Checkpoint signed = files.read(candidate).map(this::verified).orElse(null);
                if (signed != null && MessageDigest.isEqual(rootAt.apply(candidate), signed.rootHash())) {
                    return candidate;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("Could not narrow down where the log diverged ({})", e.getClass().getName());
        }
        return 0;
    }

    /** A note of this log verified with this node's key; null for one that does not verify. */
    private Checkpoint verified(String note) {
        try {
            Checkpoint checkpoint = Checkpoint.parse(NoteVerifier.parse(signer.verifierKey()).verify(note));
            return checkpoint.origin().equals(origin) ? checkpoint : null;
        } catch (RuntimeException e) {
            log.warn("A checkpoint file in {} does not verify with this node's key; ignored by the signing check",
                    files.dir());
            return null;
        }
    }

    /**
     * Signs and stores the checkpoint of the first {@code treeSize} leaves; answers the one stored for
     * that size. Refuses ({@link LogDiverged}) while the database's log disagrees with the signed
     * checkpoints outside it.
     */
    TransparencyLog.SignedCheckpoint sign(long treeSize, byte[] root, LongFunction<byte[]> rootAt) {
        if (check(treeSize, size -> size == treeSize ? root : rootAt.apply(size)) != null) {
            throw new LogDiverged(divergence);
        }
        String note = signer.sign(new Checkpoint(origin, treeSize, root).body());
        store.insertCheckpoint(treeSize, root, note, clock.instant());
        TransparencyLog.SignedCheckpoint stored = store.checkpoint(treeSize)
                .orElseThrow(() -> new IllegalStateException("the checkpoint just stored is missing"));
        // the witnesses are asked once the checkpoint and its leaves are committed: their consistency proof
        // is read from the stored subtrees, which another thread sees only then
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            onSigned.accept(stored);
                        }
                    });
        } else {
            onSigned.accept(stored);
        }
        return stored;
    }

    /** Writes the files of the checkpoints this node has not exported yet; failures are retried on the next call. */
    synchronized void export() {
        try {
            if (exported == -2) {
                exported = lastExportedOnDisk();
            }
            List<TransparencyLog.SignedCheckpoint> batch;
            do {
                batch = store.checkpointsAfter(exported, EXPORT_BATCH);
                for (TransparencyLog.SignedCheckpoint checkpoint : batch) {
                    write(checkpoint);
                    exported = checkpoint.treeSize();
                }
            } while (batch.size() == EXPORT_BATCH);
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            if (now.isAfter(quietUntil)) {
                quietUntil = now.plusSeconds(60);
                log.warn("Exporting checkpoints to {} failed ({}); retried", files.dir(), e.getClass().getName());
            }
        }
    }

    /** Writes one checkpoint's file now (a caller about to hand it out wants it outside the database). */
    void write(TransparencyLog.SignedCheckpoint checkpoint) {
        if (!files.write(checkpoint.treeSize(), checkpoint.note())) {
            log.error("The checkpoint file {} in {} differs from the signed checkpoint of that size in the database;"
                    + " left alone: find out which one is wrong (the offline verifier checks the files)",
                    CheckpointFiles.fileName(checkpoint.treeSize()), files.dir());
        }
    }

    // Usually the newest stored checkpoint has its file already: start from there, not from the beginning.
    private long lastExportedOnDisk() {
        for (long size : store.checkpointSizesDescending(EXPORT_BATCH)) {
            if (files.exists(size)) {
                return size;
            }
        }
        return -1;
    }

    /** Signing refused: the database's log diverged from what was signed. */
    static final class LogDiverged extends IllegalStateException {
        LogDiverged(Divergence divergence) {
            super("the ledger's log diverged from its signed checkpoints at index "
                    + divergence.firstDifferingIndex() + "; nothing is signed");
        }
    }
}
