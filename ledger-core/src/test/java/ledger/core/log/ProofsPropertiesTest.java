package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Proofs against the naive MTH (TreeHash.root, itself pinned by published vectors) over many tree sizes. */
class ProofsPropertiesTest {

    private static final int EXHAUSTIVE = 130;
    private static final int SAMPLED = 300;
    private static final long[] LARGER = {511, 512, 513, 1000, 1023, 1024, 1025, 2049, 4095, 4097};
    private static final MemoryTree TREE = MemoryTree.ofSize(4097);

    private static byte[] naiveRoot(long size) {
        return TREE.mth(0, (int) size);
    }

    private static byte[] leaf(long index) {
        return TREE.leaves.get((int) index);
    }

    /** All sizes up to EXHAUSTIVE, every size up to SAMPLED, and a few larger ones. */
    private static long[] sizes() {
        return LongStream.concat(LongStream.rangeClosed(1, SAMPLED), Arrays.stream(LARGER)).toArray();
    }

    /** Every index for small trees; edges, powers of two and a stride for the others. */
    private static long[] indexesOf(long size) {
        if (size <= EXHAUSTIVE) {
            return LongStream.range(0, size).toArray();
        }
        return LongStream.concat(
                LongStream.of(0, 1, size / 2, size - 2, size - 1, Long.highestOneBit(size - 1),
                        Long.highestOneBit(size - 1) - 1),
                LongStream.range(0, size).filter(i -> i % 37 == 5)).distinct().toArray();
    }

    @Test
    void every_inclusion_proof_verifies_against_the_naive_root() {
        for (long size : sizes()) {
            byte[] root = naiveRoot(size);
            for (long index : indexesOf(size)) {
                List<byte[]> proof = Proofs.inclusion(index, size, TREE.within(size));
                assertThat(Proofs.verifyInclusion(index, size, leaf(index), proof, root))
                        .as("leaf %d of %d", index, size).isTrue();
            }
        }
    }

    @Test
    void every_consistency_proof_verifies_against_the_naive_roots() {
        for (long second : sizes()) {
            byte[] secondRoot = naiveRoot(second);
            for (long first : second <= EXHAUSTIVE ? LongStream.rangeClosed(1, second).toArray()
                    : indexesOf(second + 1)) {
                if (first == 0) {
                    continue;
                }
                List<byte[]> proof = Proofs.consistency(first, second, TREE.within(second));
                assertThat(Proofs.verifyConsistency(first, second, naiveRoot(first), secondRoot, proof))
                        .as("%d to %d", first, second).isTrue();
            }
        }
    }

    @Test
    void a_tampered_inclusion_proof_fails() {
        byte[] someHash = TreeHash.leafHash(new byte[] {42});
        for (long size = 1; size <= 64; size++) {
            byte[] root = naiveRoot(size);
            for (long index = 0; index < size; index++) {
                List<byte[]> proof = Proofs.inclusion(index, size, TREE);
                byte[] leaf = leaf(index);
                List<String> accepted = new ArrayList<>();
                check(accepted, "index - 1", Proofs.verifyInclusion(index - 1, size, leaf, proof, root));
                check(accepted, "index + 1", Proofs.verifyInclusion(index + 1, size, leaf, proof, root));
                check(accepted, "index ^ 2", Proofs.verifyInclusion(index ^ 2, size, leaf, proof, root));
                check(accepted, "size * 2", Proofs.verifyInclusion(index, size * 2, leaf, proof, root));
                check(accepted, "size / 2", Proofs.verifyInclusion(index, size / 2, leaf, proof, root));
                check(accepted, "other leaf", Proofs.verifyInclusion(index, size, someHash, proof, root));
                check(accepted, "empty root", Proofs.verifyInclusion(index, size, leaf, proof, TreeHash.emptyRoot()));
                check(accepted, "trailing root", Proofs.verifyInclusion(index, size, leaf, with(proof, root), root));
                check(accepted, "preceding root",
                        Proofs.verifyInclusion(index, size, leaf, prepend(root, proof), root));
                for (int i = 0; i < proof.size(); i++) {
                    check(accepted, "bit flipped in " + i,
                            Proofs.verifyInclusion(index, size, leaf, flipped(proof, i), root));
                }
                if (!proof.isEmpty()) {
                    check(accepted, "truncated",
                            Proofs.verifyInclusion(index, size, leaf, proof.subList(0, proof.size() - 1), root));
                }
                assertThat(accepted).as("leaf %d of %d", index, size).isEmpty();
            }
        }
    }

    @Test
    void a_tampered_consistency_proof_fails() {
        for (long second = 2; second <= 64; second++) {
            byte[] secondRoot = naiveRoot(second);
            for (long first = 1; first < second; first++) {
                byte[] firstRoot = naiveRoot(first);
                List<byte[]> proof = Proofs.consistency(first, second, TREE);
                List<String> accepted = new ArrayList<>();
                check(accepted, "first - 1", Proofs.verifyConsistency(first - 1, second, firstRoot, secondRoot, proof));
                check(accepted, "first + 1", Proofs.verifyConsistency(first + 1, second, firstRoot, secondRoot, proof));
                check(accepted, "first ^ 2", Proofs.verifyConsistency(first ^ 2, second, firstRoot, secondRoot, proof));
                check(accepted, "second * 2",
                        Proofs.verifyConsistency(first, second * 2, firstRoot, secondRoot, proof));
                check(accepted, "second / 2",
                        Proofs.verifyConsistency(first, second / 2, firstRoot, secondRoot, proof));
                check(accepted, "wrong first root",
                        Proofs.verifyConsistency(first, second, naiveRoot(first + 1), secondRoot, proof));
                check(accepted, "wrong second root",
                        Proofs.verifyConsistency(first, second, firstRoot, naiveRoot(second - 1), proof));
                check(accepted, "swapped roots", Proofs.verifyConsistency(first, second, secondRoot, firstRoot, proof));
                check(accepted, "empty proof", Proofs.verifyConsistency(first, second, firstRoot, secondRoot, List.of()));
                check(accepted, "trailing root",
                        Proofs.verifyConsistency(first, second, firstRoot, secondRoot, with(proof, secondRoot)));
                check(accepted, "preceding root",
                        Proofs.verifyConsistency(first, second, firstRoot, secondRoot, prepend(firstRoot, proof)));
                check(accepted, "preceding proof[0]",
                        Proofs.verifyConsistency(first, second, firstRoot, secondRoot, prepend(proof.get(0), proof)));
                check(accepted, "truncated", Proofs.verifyConsistency(first, second, firstRoot, secondRoot,
                        proof.subList(0, proof.size() - 1)));
                for (int i = 0; i < proof.size(); i++) {
                    check(accepted, "bit flipped in " + i,
                            Proofs.verifyConsistency(first, second, firstRoot, secondRoot, flipped(proof, i)));
                }
                assertThat(accepted).as("%d to %d", first, second).isEmpty();
            }
        }
    }

    @Test
    void range_hash_equals_the_naive_mth_of_any_range() {
        for (int to = 1; to <= 70; to++) {
            for (int from = 0; from < to; from++) {
                assertThat(Proofs.rangeHash(from, to, TREE.within(to))).as("[%d, %d)", from, to)
                        .isEqualTo(TREE.mth(from, to));
            }
        }
        assertThat(Proofs.rangeHash(1000, 4097, TREE)).isEqualTo(TREE.mth(1000, 4097));
    }

    @Test
    void the_root_reads_one_stored_subtree_per_set_bit_of_the_size() {
        for (long size : sizes()) {
            MemoryTree tree = MemoryTree.ofSize((int) size);
            assertThat(Proofs.root(size, tree)).isEqualTo(tree.mth(0, (int) size));
            assertThat(tree.reads).hasSize(Long.bitCount(size));
        }
    }

    @Test
    void proofs_in_a_huge_tree_read_logarithmically_many_subtrees() {
        long size = (1L << 40) + 12345;
        int bound = 2 * 41;
        for (long index : new long[] {0, 1L << 39, (1L << 40) - 1, 1L << 40, size - 1}) {
            CountingFakeStore store = new CountingFakeStore(bound);
            List<byte[]> proof = Proofs.inclusion(index, size, store);
            assertThat(proof).hasSizeLessThanOrEqualTo(41);
            assertThat(store.reads).isLessThanOrEqualTo(bound);
        }
        CountingFakeStore store = new CountingFakeStore(bound);
        Proofs.consistency(size - 3, size, store);
        assertThat(store.reads).isLessThanOrEqualTo(bound);
        CountingFakeStore rootStore = new CountingFakeStore(bound);
        Proofs.root(size, rootStore);
        assertThat(rootStore.reads).isEqualTo(Long.bitCount(size));
    }

    @Test
    void the_empty_tree_has_the_empty_root_and_reads_nothing() {
        assertThat(Proofs.root(0, (level, index) -> {
            throw new AssertionError("no read expected");
        })).isEqualTo(TreeHash.emptyRoot());
    }

    @Test
    void proofs_refuse_leaves_and_sizes_outside_the_tree() {
        assertThatThrownBy(() -> Proofs.inclusion(-1, 5, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.inclusion(5, 5, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.inclusion(0, 0, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.consistency(-1, 5, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.consistency(6, 5, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.rangeHash(-1, 5, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.rangeHash(3, 3, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.rangeHash(4, 3, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proofs.root(-1, TREE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Proofs.consistency(0, 5, TREE)).isEmpty();
        assertThat(Proofs.consistency(0, 0, TREE)).isEmpty();
        assertThat(Proofs.consistency(5, 5, TREE)).isEmpty();
        assertThat(Proofs.rangeHash(0, 1, TREE)).isEqualTo(leaf(0));
    }

    @Test
    void a_store_without_a_proper_hash_is_reported_not_hashed() {
        assertThatThrownBy(() -> Proofs.root(3, (level, index) -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(1, 0)");
        assertThatThrownBy(() -> Proofs.inclusion(0, 2, (level, index) -> new byte[31]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(0, 1)");
    }

    @Test
    void verifying_inclusion_with_impossible_arguments_answers_false() {
        byte[] leaf = leaf(0);
        byte[] root2 = naiveRoot(2);
        List<byte[]> proof = List.of(leaf(1));
        assertThat(Proofs.verifyInclusion(0, 2, leaf, proof, root2)).isTrue();
        assertThat(Proofs.verifyInclusion(0, 1, leaf, List.of(), leaf)).isTrue();
        assertThat(Proofs.verifyInclusion(0, 0, leaf, List.of(), leaf)).isFalse();
        assertThat(Proofs.verifyInclusion(-1, 2, leaf, proof, root2)).isFalse();
        assertThat(Proofs.verifyInclusion(2, 2, leaf, proof, root2)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, null, proof, root2)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, Arrays.copyOf(leaf, 31), proof, root2)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, leaf, proof, null)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, leaf, proof, Arrays.copyOf(root2, 33))).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, leaf, null, root2)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 2, leaf, List.of(Arrays.copyOf(leaf(1), 31)), root2)).isFalse();
        assertThat(Proofs.verifyInclusion(0, 1, leaf, List.of(leaf(1)), leaf)).isFalse();
    }

    @Test
    void verifying_consistency_at_the_edges_needs_an_empty_proof_and_matching_roots() {
        byte[] empty = TreeHash.emptyRoot();
        byte[] root1 = naiveRoot(1);
        byte[] root3 = naiveRoot(3);
        List<byte[]> oneHash = List.of(root1);
        assertThat(Proofs.verifyConsistency(0, 0, empty, empty, List.of())).isTrue();
        assertThat(Proofs.verifyConsistency(0, 3, empty, root3, List.of())).isTrue();
        assertThat(Proofs.verifyConsistency(0, 3, root1, root3, List.of())).isFalse();
        assertThat(Proofs.verifyConsistency(0, 3, empty, root3, oneHash)).isFalse();
        assertThat(Proofs.verifyConsistency(3, 3, root3, root3, List.of())).isTrue();
        assertThat(Proofs.verifyConsistency(3, 3, root1, root3, List.of())).isFalse();
        assertThat(Proofs.verifyConsistency(3, 3, root3, root3, oneHash)).isFalse();
        assertThat(Proofs.verifyConsistency(3, 1, root3, root1, List.of())).isFalse();
        assertThat(Proofs.verifyConsistency(-1, 1, empty, root1, List.of())).isFalse();
        List<byte[]> proof = Proofs.consistency(1, 3, TREE);
        assertThat(Proofs.verifyConsistency(1, 3, root1, root3, proof)).isTrue();
        assertThat(Proofs.verifyConsistency(1, 3, null, root3, proof)).isFalse();
        assertThat(Proofs.verifyConsistency(1, 3, root1, Arrays.copyOf(root3, 31), proof)).isFalse();
        assertThat(Proofs.verifyConsistency(1, 3, root1, root3, null)).isFalse();
        List<byte[]> shortened = new ArrayList<>(proof);
        shortened.set(0, Arrays.copyOf(proof.get(0), 31));
        assertThat(Proofs.verifyConsistency(1, 3, root1, root3, shortened)).isFalse();
    }

    private static void check(List<String> accepted, String probe, boolean verified) {
        if (verified) {
            accepted.add(probe);
        }
    }

    private static List<byte[]> with(List<byte[]> proof, byte[] extra) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(extra);
        return copy;
    }

    private static List<byte[]> prepend(byte[] extra, List<byte[]> proof) {
        List<byte[]> copy = new ArrayList<>();
        copy.add(extra);
        copy.addAll(proof);
        return copy;
    }

    private static List<byte[]> flipped(List<byte[]> proof, int element) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = copy.get(element).clone();
        changed[0] ^= 8;
        copy.set(element, changed);
        return copy;
    }

    /** Any (level, index) has a made-up hash; fails past a read budget, so a linear algorithm cannot pass. */
    private static final class CountingFakeStore implements SubtreeHashes {
        private final int budget;
        int reads;

        CountingFakeStore(int budget) {
            this.budget = budget;
        }

        @Override
        public byte[] hash(int level, long index) {
            if (++reads > budget) {
                throw new AssertionError("more than " + budget + " reads");
            }
            return TreeHash.leafHash((level + "/" + index).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void an_inclusion_proof_longer_than_the_path_fails_even_against_a_root_made_to_fit_it() {
        byte[] extra = TreeHash.leafHash(new byte[] {7});
        for (long size : new long[] {1, 2, 5, 8, 13}) {
            for (long index = 0; index < size; index++) {
                List<byte[]> proof = Proofs.inclusion(index, size, TREE);
                byte[] root = naiveRoot(size);
                assertThat(Proofs.verifyInclusion(index, size, leaf(index), proof, root)).isTrue();
                byte[] fitted = TreeHash.nodeHash(extra, root);
                assertThat(Proofs.verifyInclusion(index, size, leaf(index), with(proof, extra), fitted))
                        .as("size %d, index %d", size, index).isFalse();
            }
        }
    }
}
