package ledger.core.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test store of every perfect subtree of a tree, built the naive way (pairs of the level below), so it
 * shares no code with CompactRange. Reading a subtree the tree does not hold fails, and reads are recorded.
 */
final class MemoryTree implements SubtreeHashes {

    final List<byte[]> leaves;
    private final List<List<byte[]>> levels = new ArrayList<>();
    final List<String> reads = new ArrayList<>();

    MemoryTree(List<byte[]> leaves) {
        this.leaves = List.copyOf(leaves);
        levels.add(this.leaves);
        for (List<byte[]> below = this.leaves; below.size() > 1; ) {
            List<byte[]> above = new ArrayList<>();
            for (int i = 0; i + 1 < below.size(); i += 2) {
                above.add(TreeHash.nodeHash(below.get(i), below.get(i + 1)));
            }
            levels.add(above);
            below = above;
        }
    }

    /** Leaves "leaf 0", "leaf 1", ... hashed. */
    static MemoryTree ofSize(int size) {
        return new MemoryTree(leafHashes(size));
    }

    static List<byte[]> leafHashes(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(TreeHash.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    @Override
    public byte[] hash(int level, long index) {
        reads.add(level + "," + index);
        return levels.get(level).get(Math.toIntExact(index)).clone();
    }

    /** This store seen as a tree of only {@code size} leaves: reading a subtree beyond it fails. */
    SubtreeHashes within(long size) {
        return (level, index) -> {
            if ((index + 1) << level > size) {
                throw new AssertionError("read subtree (" + level + ", " + index + ") outside a tree of " + size);
            }
            return hash(level, index);
        };
    }

    /** The naive MTH of leaves [from, to). */
    byte[] mth(int from, int to) {
        return TreeHash.root(leaves.subList(from, to));
    }
}
