package ledger.api.application.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The log as its readers see it: leaves, signed checkpoints, RFC 9162 proofs from the stored
 * subtrees (O(log n) rows each), the public key. Arguments outside the tree are refused with
 * IllegalArgumentException; callers check them first to say which one.
 */
public interface TransparencyLog {

    /** A leaf: its index in the log, the event it covers, the event's global index, the leaf hash. */
    public record Leaf(long index, String eventId, long globalIndex, byte[] leafHash) {
    }

    /**
     * A signed checkpoint: the C2SP signed note and what it signs, and the witnesses' cosignature lines
     * gathered for it since (empty when none).
     */
    public record SignedCheckpoint(long treeSize, byte[] rootHash, String note, String cosignatures) {

        public SignedCheckpoint(long treeSize, byte[] rootHash, String note) {
            this(treeSize, rootHash, note, "");
        }

        /** The note with the witnesses' cosignatures after the log's signature: what is served. */
        public String cosignedNote() {
            return note + cosignatures;
        }
    }

    /** What proves one event is in the log: its leaf, a signed checkpoint that covers it, the inclusion proof. */
    public record Evidence(Leaf leaf, SignedCheckpoint checkpoint, List<byte[]> inclusionProof) {
    }

    /** One stored event row as its leaf covers it, with its leaf index (null while it has none). */
    public record StoredEvent(ledger.core.log.EventRow row, Long leafIndex) {
    }

    /** Where an event is in the log: its leaf, and the smallest signed checkpoint covering it (null: none yet). */
    public record Location(String eventId, long leafIndex, Long checkpointSize) {
    }

    /** A checkpoint's witnessing: valid cosignatures it carries, how many the quorum needs, how many witnesses. */
    public record Witnessing(int cosignatures, int quorum, int witnesses) {
        public boolean quorumMet() {
            return cosignatures >= quorum;
        }
    }

    /** How many leaves the log holds now (it only grows). */
    long treeSize();

    /** Whether this node stopped signing: its database's log diverged from the signed checkpoints. */
    boolean signingStopped();

    /** The note verifier key {@code <name>+<hex key hash>+<base64(0x01 || key)>}. */
    String verifierKey();

    /** The witnessing of a checkpoint: the cosignatures stored with it (each verified when it arrived). */
    Witnessing witnessing(SignedCheckpoint checkpoint);

    Optional<SignedCheckpoint> latestCheckpoint();

    /** Leaves {@code [start, end)}; {@code end} at most the tree size. */
    List<Leaf> leaves(long start, long end);

    Optional<Leaf> leaf(String eventId);

    /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (at most the log's size). */
    List<byte[]> inclusionProof(long index, long treeSize);

    /** The consistency proof from the tree of {@code first} leaves to the one of {@code second}. */
    List<byte[]> consistencyProof(long first, long second);

    /** The root of the first {@code treeSize} leaves. */
    byte[] root(long treeSize);

    /** The leaf index of each of the events that has one (absent: no leaf yet, or no such event). */
    java.util.Map<String, Long> leafIndexes(java.util.Collection<String> eventIds);

    /** The stored events of one aggregate (a member's story), in sequence, with their leaves. */
    List<StoredEvent> eventsOf(String aggregateIdentifier);

    /**
     * Where the aggregate's newest event of the given type is in the log, as it stands (no waiting, nothing
     * signed): empty when there is no such event or it has no leaf yet.
     */
    Optional<Location> locateLast(String aggregateIdentifier, Class<?> payloadType);

    /** Waits until the event has its leaf (it is appended after commit, usually within the sequencer's poll). */
    Optional<Leaf> awaitLeaf(String eventId, Duration timeout);

    /**
     * A signed checkpoint of at least {@code treeSize} leaves: the smallest stored one, or, when none
     * covers them yet, one signed now over every leaf stored (written to the checkpoint directory too).
     */
    SignedCheckpoint checkpointCovering(long treeSize);

    /**
     * Everything that proves the event is in the log (for receipts): its leaf, once it has one
     * (waiting at most {@code timeout}), a signed checkpoint that covers it and the inclusion proof
     * against that checkpoint. Empty when the event has no leaf within the timeout.
     */
    Optional<Evidence> evidence(String eventId, Duration timeout);

    /**
     * The evidence of the aggregate's newest event of the given type (e.g. a member's erasure), as
     * {@link #evidence(String, Duration)}; empty when there is no such event or it has no leaf in time.
     */
    Optional<Evidence> evidenceOfLast(String aggregateIdentifier, Class<?> payloadType, Duration timeout);
}
