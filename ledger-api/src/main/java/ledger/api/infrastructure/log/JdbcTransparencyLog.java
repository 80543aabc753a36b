package ledger.api.infrastructure.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import ledger.api.application.ledger.TransparencyLog;
import ledger.core.log.Proofs;

/** The TransparencyLog port as infrastructure implements it. */
public class JdbcTransparencyLog implements TransparencyLog {

    private static final Duration POLL = Duration.ofMillis(50);

    private final JdbcLogStore store;
    private final Checkpoints checkpoints;
    /** Asks the sequencer for a round now (a node whose sequencer is off: nothing happens). */
    private final Runnable roundNow;

    private final WitnessCosigning witnesses;

    JdbcTransparencyLog(JdbcLogStore store, Checkpoints checkpoints, Runnable roundNow, WitnessCosigning witnesses) {
        this.witnesses = witnesses;
        this.store = store;
        this.checkpoints = checkpoints;
        this.roundNow = roundNow;
    }

    /** How many leaves the log holds now (it only grows). */
    @Override
    public long treeSize() {
        return store.size();
    }

    /** Whether this node stopped signing: its database's log diverged from the signed checkpoints. */
    @Override
    public boolean signingStopped() {
        return checkpoints.divergence() != null;
    }

    /** The note verifier key {@code <name>+<hex key hash>+<base64(0x01 || key)>}. */
    @Override
    public String verifierKey() {
        return checkpoints.verifierKey();
    }

    /** The witnessing of a checkpoint: the cosignatures stored with it (each verified when it arrived). */
    @Override
    public Witnessing witnessing(SignedCheckpoint checkpoint) {
        int lines = (int) checkpoint.cosignatures().lines().filter(line -> !line.isBlank()).count();
        return new Witnessing(lines, witnesses.quorum(), witnesses.witnessCount());
    }

    @Override
    public Optional<SignedCheckpoint> latestCheckpoint() {
        return store.latestCheckpoint();
    }

    /** Leaves {@code [start, end)}; {@code end} at most the tree size. */
    @Override
    public List<Leaf> leaves(long start, long end) {
        if (start < 0 || end < start || end > treeSize()) {
            throw new IllegalArgumentException("leaves [" + start + ", " + end + ") are not all in the log");
        }
        return start == end ? List.of() : store.leaves(start, end);
    }

    @Override
    public Optional<Leaf> leaf(String eventId) {
        return store.leaf(eventId);
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (at most the log's size). */
    @Override
    public List<byte[]> inclusionProof(long index, long treeSize) {
        requireStored(treeSize);
        return Proofs.inclusion(index, treeSize, store.hashes());
    }

    /** The consistency proof from the tree of {@code first} leaves to the one of {@code second}. */
    @Override
    public List<byte[]> consistencyProof(long first, long second) {
        requireStored(second);
        return Proofs.consistency(first, second, store.hashes());
    }

    /** The root of the first {@code treeSize} leaves. */
    @Override
    public byte[] root(long treeSize) {
        requireStored(treeSize);
        return Proofs.root(treeSize, store.hashes());
    }

    /** The leaf index of each of the events that has one (absent: no leaf yet, or no such event). */
    @Override
    public java.util.Map<String, Long> leafIndexes(java.util.Collection<String> eventIds) {
        return store.leafIndexes(eventIds);
    }

    /** The stored events of one aggregate (a member's story), in sequence, with their leaves. */
    @Override
    public List<StoredEvent> eventsOf(String aggregateIdentifier) {
        return store.eventsOf(aggregateIdentifier);
    }

    /**
     * Where the aggregate's newest event of the given type is in the log, as it stands (no waiting, nothing
     * signed): empty when there is no such event or it has no leaf yet.
     */
    @Override
    public Optional<Location> locateLast(String aggregateIdentifier, Class<?> payloadType) {
        return store.lastEventOfType(aggregateIdentifier, payloadType.getName()).flatMap(store::leaf)
                .map(leaf -> new Location(leaf.eventId(), leaf.index(), store.checkpointCovering(leaf.index() + 1)
                        .map(SignedCheckpoint::treeSize).orElse(null)));
    }

    /** Waits until the event has its leaf (it is appended after commit, usually within the sequencer's poll). */
    @Override
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
     * covers them yet, one signed now over every leaf stored; either way in the checkpoint directory
     * too. A stored one's file is otherwise written after its signing commits, by whichever node exports
     * it: handed out before that, an auditor reading the directory would not find it yet.
     */
    @Override
    public SignedCheckpoint checkpointCovering(long treeSize) {
        Optional<SignedCheckpoint> stored = store.checkpointCovering(treeSize);
        if (stored.isPresent()) {
            checkpoints.write(stored.get());
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
    @Override
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
    @Override
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
