package ledger.api.infrastructure.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import ledger.core.log.Proofs;

/**
 * The log as its readers see it: leaves, signed checkpoints, RFC 9162 proofs from the stored
 * subtrees (O(log n) rows each), the public key. Arguments outside the tree are refused with
 * IllegalArgumentException; callers check them first to say which one.
 */
public class TransparencyLog {

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

    private static final Duration POLL = Duration.ofMillis(50);

    private final JdbcLogStore store;
    private final Checkpoints checkpoints;
    /** Asks the sequencer for a round now (a node whose sequencer is off: nothing happens). */
    private final Runnable roundNow;

    private final WitnessCosigning witnesses;

    TransparencyLog(JdbcLogStore store, Checkpoints checkpoints, Runnable roundNow, WitnessCosigning witnesses) {
        this.witnesses = witnesses;
        this.store = store;
        this.checkpoints = checkpoints;
        this.roundNow = roundNow;
    }

    /** How many leaves the log holds now (it only grows). */
    public long treeSize() {
        return store.size();
    }

    /** Whether this node stopped signing: its database's log diverged from the signed checkpoints. */
    public boolean signingStopped() {
        return checkpoints.divergence() != null;
    }

    /** The note verifier key {@code <name>+<hex key hash>+<base64(0x01 || key)>}. */
    public String verifierKey() {
        return checkpoints.verifierKey();
    }

    /** The witnessing of a checkpoint: the cosignatures stored with it (each verified when it arrived). */
    public Witnessing witnessing(SignedCheckpoint checkpoint) {
        int lines = (int) checkpoint.cosignatures().lines().filter(line -> !line.isBlank()).count();
        return new Witnessing(lines, witnesses.quorum(), witnesses.witnessCount());
    }

    public Optional<SignedCheckpoint> latestCheckpoint() {
        return store.latestCheckpoint();
    }

    /** Leaves {@code [start, end)}; {@code end} at most the tree size. */
    public List<Leaf> leaves(long start, long end) {
        if (start < 0 || end < start || end > treeSize()) {
            throw new IllegalArgumentException("leaves [" + start + ", " + end + ") are not all in the log");
        }
        return start == end ? List.of() : store.leaves(start, end);
    }

    public Optional<Leaf> leaf(String eventId) {
        return store.leaf(eventId);
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (at most the log's size). */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireStored(treeSize);
        return Proofs.inclusion(index, treeSize, store.hashes());
    }

    /** The consistency proof from the tree of {@code first} leaves to the one of {@code second}. */
    public List<byte[]> consistencyProof(long first, long second) {
        requireStored(second);
        return Proofs.consistency(first, second, store.hashes());
    }

    /** The root of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        requireStored(treeSize);
        return Proofs.root(treeSize, store.hashes());
    }

    /** The leaf index of each of the events that has one (absent: no leaf yet, or no such event). */
    public java.util.Map<String, Long> leafIndexes(java.util.Collection<String> eventIds) {
        return store.leafIndexes(eventIds);
    }

    /** The stored events of one aggregate (a member's story), in sequence, with their leaves. */
    public List<StoredEvent> eventsOf(String aggregateIdentifier) {
        return store.eventsOf(aggregateIdentifier);
    }

    /**
     * Where the aggregate's newest event of the given type is in the log, as it stands (no waiting, nothing
     * signed): empty when there is no such event or it has no leaf yet.
     */
    public Optional<Location> locateLast(String aggregateIdentifier, Class<?> payloadType) {
        return store.lastEventOfType(aggregateIdentifier, payloadType.getName()).flatMap(store::leaf)
                .map(leaf -> new Location(leaf.eventId(), leaf.index(), store.checkpointCovering(leaf.index() + 1)
                        .map(SignedCheckpoint::treeSize).orElse(null)));
    }

    /** Waits until the event has its leaf (it is appended after commit, usually within the sequencer's poll). */
    public Optional<Leaf> awaitLeaf(String eventId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean asked = false;
        while (true) {
            Optional<Leaf> leaf = store.leaf(eventId);
            if (leaf.isPresent() || System.nanoTime() >= deadline) {
                return leaf;
            }
            if (!asked) {
                // the sequencer gathers commits for wake-delay (400 ms); a caller waiting for this leaf asks now
                roundNow.run();
                asked = true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * A signed checkpoint of at least {@code treeSize} leaves: the smallest stored one, or, when none
     * covers them yet, one signed now over every leaf stored (written to the checkpoint directory too).
     */
    public SignedCheckpoint checkpointCovering(long treeSize) {
        Optional<SignedCheckpoint> stored = store.checkpointCovering(treeSize);
        if (stored.isPresent()) {
            return stored.get();
        }
        long size = treeSize();
        requireStored(treeSize);
        // the perfect subtrees of the first `size` leaves are all stored: appends never change them
        SignedCheckpoint signed = checkpoints.sign(size, Proofs.root(size, store.hashes()),
                prefix -> Proofs.root(prefix, store.hashes()));
        checkpoints.write(signed);
        return signed;
    }

    /**
     * Everything that proves the event is in the log (for receipts): its leaf, once it has one
     * (waiting at most {@code timeout}), a signed checkpoint that covers it and the inclusion proof
     * against that checkpoint. Empty when the event has no leaf within the timeout.
     */
    public Optional<Evidence> evidence(String eventId, Duration timeout) {
        return awaitLeaf(eventId, timeout).map(leaf -> {
            SignedCheckpoint checkpoint = checkpointCovering(leaf.index() + 1);
            return new Evidence(leaf, checkpoint, inclusionProof(leaf.index(), checkpoint.treeSize()));
        });
    }

    /**
     * The evidence of the aggregate's newest event of the given type (e.g. a member's erasure), as
     * {@link #evidence(String, Duration)}; empty when there is no such event or it has no leaf in time.
     */
    public Optional<Evidence> evidenceOfLast(String aggregateIdentifier, Class<?> payloadType, Duration timeout) {
        return store.lastEventOfType(aggregateIdentifier, payloadType.getName())
                .flatMap(eventId -> evidence(eventId, timeout));
    }

    private void requireStored(long treeSize) {
        long size = treeSize();
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the log (" + size + " leaves)");
        }
    }
}
