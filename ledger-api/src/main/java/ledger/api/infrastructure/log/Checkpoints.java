package ledger.api.infrastructure.log;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ledger.core.log.Checkpoint;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;

/**
 * Signs checkpoints, stores them in PostgreSQL and exports each to a file outside it. Every node
 * exports the checkpoints it has not written yet (whoever signed them), so each node's directory
 * holds the fleet's checkpoints from the node's first start on.
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

    Checkpoints(JdbcLogStore store, NoteSigner signer, String origin, CheckpointFiles files, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.origin = origin;
        this.files = files;
        this.clock = clock;
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

    /** Signs and stores the checkpoint of the first {@code treeSize} leaves; answers the one stored for that size. */
    TransparencyLog.SignedCheckpoint sign(long treeSize, byte[] root) {
        String note = signer.sign(new Checkpoint(origin, treeSize, root).body());
        store.insertCheckpoint(treeSize, root, note, clock.instant());
        return store.checkpointCovering(treeSize).filter(c -> c.treeSize() == treeSize)
                .orElseThrow(() -> new IllegalStateException("the checkpoint just stored is missing"));
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
}
