package ledger.core.log;

import java.util.List;

/**
 * Which perfect subtrees a log stores, and how the others are read. Only subtrees of level
 * {@link #LOWEST_STORED_LEVEL} and up are stored (about one row per 16 leaves instead of one per
 * leaf: the log's share of a command's cost, docs/verifiable-ledger.md "Cost"); a subtree of a lower
 * level is computed from the at most 8 leaf hashes it covers, so a proof reads at most 8 leaves more
 * per level below the threshold.
 */
public final class StoredSubtrees {

    /** Stored subtrees have at least this level (16 leaves); the database's check constraint says the same. */
    public static final int LOWEST_STORED_LEVEL = 4;

    /** Leaf hashes of leaves [from, to) in leaf order; fewer (or none) where the log has fewer. */
    @FunctionalInterface
    public interface LeafHashes {
        List<byte[]> range(long from, long to);
    }

    private StoredSubtrees() {
    }

    /** Whether a subtree of this level completed by an append is stored. */
    public static boolean stored(int level) {
        return level >= LOWEST_STORED_LEVEL;
    }

    /**
     * Subtree hashes from the leaves below {@link #LOWEST_STORED_LEVEL} and from {@code nodes} at and above it.
     * Null (as from any {@link SubtreeHashes}) where the subtree is not complete or a leaf is not a hash.
     */
    public static SubtreeHashes of(LeafHashes leaves, SubtreeHashes nodes) {
        return (level, index) -> {
            if (stored(level)) {
                return nodes.hash(level, index);
            }
            long width = 1L << level;
            List<byte[]> covered = leaves.range(index * width, (index + 1) * width);
            if (covered.size() != width || !covered.stream().allMatch(Proofs::isHash)) {
                return null;
            }
            return TreeHash.root(covered);
        };
    }
}
