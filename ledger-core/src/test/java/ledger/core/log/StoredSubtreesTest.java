package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StoredSubtreesTest {

    private static final int SIZE = 300;
    private static final MemoryTree TREE = MemoryTree.ofSize(SIZE);

    /** What a sequencer stores while appending: the completed subtrees of the stored levels only. */
    private static Map<String, byte[]> storedWhileAppending(int size) {
        Map<String, byte[]> nodes = new HashMap<>();
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : TREE.leaves.subList(0, size)) {
            range.append(leaf, (level, index, hash) -> {
                if (level > 0 && StoredSubtrees.stored(level)) {
                    nodes.put(level + "," + index, hash);
                }
            });
        }
        return nodes;
    }

    private static SubtreeHashes readable(int size, Map<String, byte[]> nodes) {
        return StoredSubtrees.of((from, to) -> new ArrayList<>(TREE.leaves.subList((int) Math.min(from, size),
                (int) Math.min(to, size))), (level, index) -> nodes.get(level + "," + index));
    }

    @Test
    void only_subtrees_of_sixteen_leaves_and_more_are_stored() {
        Map<String, byte[]> nodes = storedWhileAppending(SIZE);
        assertThat(nodes.keySet()).allSatisfy(key -> assertThat(Integer.parseInt(key.split(",")[0]))
                .isGreaterThanOrEqualTo(4));
        // 300 leaves: 18 subtrees of 16, 9 of 32, 4 of 64, 2 of 128, 1 of 256
        assertThat(nodes).hasSize(18 + 9 + 4 + 2 + 1);
    }

    @Test
    void every_complete_subtree_reads_as_the_naive_tree_has_it_and_incomplete_ones_read_as_missing() {
        for (int size : new int[] {0, 1, 7, 8, 15, 16, 17, 31, 33, 255, 256, 300}) {
            SubtreeHashes hashes = readable(size, storedWhileAppending(size));
            for (int level = 0; level <= 9; level++) {
                for (long index = 0; (index << level) < SIZE; index++) {
                    boolean complete = (index + 1) << level <= size;
                    byte[] read = hashes.hash(level, index);
                    if (complete) {
                        assertThat(read).as("size %d, subtree (%d, %d)", size, level, index)
                                .isEqualTo(TREE.hash(level, index));
                    } else {
                        assertThat(read).as("size %d, subtree (%d, %d)", size, level, index).isNull();
                    }
                }
            }
        }
    }

    @Test
    void roots_and_proofs_from_the_sparse_store_equal_those_of_the_full_tree() {
        for (int size : new int[] {1, 2, 5, 16, 17, 100, 300}) {
            SubtreeHashes sparse = readable(size, storedWhileAppending(size));
            SubtreeHashes full = TREE.within(size);
            assertThat(Proofs.root(size, sparse)).isEqualTo(Proofs.root(size, full));
            assertThat(CompactRange.of(size, sparse).root()).isEqualTo(TREE.mth(0, size));
            for (long index = 0; index < size; index += 7) {
                assertThat(Proofs.inclusion(index, size, sparse)).containsExactlyElementsOf(
                        Proofs.inclusion(index, size, full));
            }
            for (long first = 1; first < size; first += 11) {
                assertThat(Proofs.consistency(first, size, sparse)).containsExactlyElementsOf(
                        Proofs.consistency(first, size, full));
            }
        }
    }

    @Test
    void a_subtree_with_a_damaged_leaf_reads_as_missing() {
        List<byte[]> leaves = new ArrayList<>(TREE.leaves.subList(0, 8));
        leaves.set(3, new byte[31]);
        SubtreeHashes hashes = StoredSubtrees.of((from, to) -> leaves.subList((int) from, (int) Math.min(to, 8)),
                (level, index) -> null);
        assertThat(hashes.hash(3, 0)).isNull();
        assertThat(hashes.hash(1, 0)).isEqualTo(TREE.hash(1, 0));
    }

    @Test
    void a_subtree_of_a_stored_level_is_read_from_the_store_and_never_recomputed_from_leaves() {
        byte[] stored = TreeHash.leafHash(new byte[] {1});
        SubtreeHashes hashes = StoredSubtrees.of((from, to) -> TREE.leaves.subList((int) from, (int) to),
                (level, index) -> level == 4 && index == 0 ? stored : null);
        assertThat(hashes.hash(4, 0)).isEqualTo(stored);
        assertThat(hashes.hash(4, 1)).isNull();
        assertThat(hashes.hash(3, 0)).isEqualTo(TREE.hash(3, 0));
    }
}
