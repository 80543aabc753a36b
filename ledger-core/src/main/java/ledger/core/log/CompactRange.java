package ledger.core.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree (a "compact range" from 0): one perfect subtree per set bit of the size,
 * largest first. Appending merges equal-sized neighbours, so each append costs O(log n) hashes and every
 * perfect subtree it completes is reported (level, index, hash) so the caller can store it.
 */
public final class CompactRange {

    private final List<byte[]> edge;
    private long size;

    private CompactRange(List<byte[]> edge, long size) {
        this.edge = edge;
        this.size = size;
    }

    public static CompactRange empty() {
        return new CompactRange(new ArrayList<>(), 0);
    }

    /** Rebuilds the edge of a tree of {@code size} leaves from stored perfect subtrees (one read per set bit). */
    public static CompactRange of(long size, SubtreeHashes hashes) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
        List<byte[]> edge = new ArrayList<>();
        long start = 0;
        for (int level = 63 - Long.numberOfLeadingZeros(size); level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                byte[] hash = hashes.hash(level, start >>> level);
                if (!Proofs.isHash(hash)) {
                    throw new IllegalStateException("no 32-byte hash stored for subtree (" + level + ", "
                            + (start >>> level) + ")");
                }
                edge.add(hash);
                start += 1L << level;
            }
        }
        return new CompactRange(edge, size);
    }

    /** An independent copy: appending to one leaves the other as it was (a verified prefix kept to go on from). */
    public CompactRange copy() {
        return new CompactRange(new ArrayList<>(edge), size);
    }

    /** Sink receives the leaf itself (level 0) and then every parent the append completed, lowest first. */
    public void append(byte[] leafHash, SubtreeSink sink) {
        if (!Proofs.isHash(leafHash)) {
            throw new IllegalArgumentException("a leaf hash is 32 bytes");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        long index = size;
        byte[] hash = leafHash.clone();
        sink.completed(0, index, hash);
        // Each trailing one bit of the old size is a left sibling of equal size waiting for this subtree.
        for (int level = 0; (size >>> level & 1) == 1; level++) {
            hash = TreeHash.nodeHash(edge.remove(edge.size() - 1), hash);
            index >>>= 1;
            sink.completed(level + 1, index, hash);
        }
        edge.add(hash);
        size++;
    }

    /** Appends without reporting completed subtrees. */
    public void append(byte[] leafHash) {
        append(leafHash, (level, index, hash) -> { });
    }

    public long size() {
        return size;
    }

    /** MTH of everything appended: fold the edge right to left. emptyRoot() when size 0. */
    public byte[] root() {
        if (edge.isEmpty()) {
            return TreeHash.emptyRoot();
        }
        byte[] root = edge.get(edge.size() - 1);
        for (int i = edge.size() - 2; i >= 0; i--) {
            root = TreeHash.nodeHash(edge.get(i), root);
        }
        return root.clone();
    }

    @FunctionalInterface
    public interface SubtreeSink {
        void completed(int level, long index, byte[] hash);
    }
}
