package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompactRangeTest {

    private static final int SIZE = 300;
    private static final MemoryTree TREE = MemoryTree.ofSize(SIZE);

    /** Records what a sink receives, as "level,index=hex". */
    private static final class Recorder implements CompactRange.SubtreeSink {
        final List<String> events = new ArrayList<>();
        final Map<String, byte[]> stored = new HashMap<>();

        @Override
        public void completed(int level, long index, byte[] hash) {
            events.add(level + "," + index + "=" + HexFormat.of().formatHex(hash));
            stored.put(level + "," + index, hash);
        }

        SubtreeHashes asStore() {
            return (level, index) -> stored.get(level + "," + index);
        }
    }

    @Test
    void the_root_equals_the_naive_root_after_every_append() {
        CompactRange range = CompactRange.empty();
        assertThat(range.size()).isZero();
        assertThat(range.root()).isEqualTo(TreeHash.emptyRoot());
        for (int i = 0; i < SIZE; i++) {
            range.append(TREE.leaves.get(i));
            assertThat(range.size()).isEqualTo(i + 1);
            assertThat(range.root()).as("size %d", i + 1).isEqualTo(TREE.mth(0, i + 1));
        }
    }

    @Test
    void a_copy_goes_on_from_the_same_prefix_and_appending_to_it_leaves_the_original_as_it_was() {
        CompactRange original = CompactRange.empty();
        for (int i = 0; i < 7; i++) {
            original.append(TREE.leaves.get(i));
        }
        CompactRange copy = original.copy();
        for (int i = 7; i < SIZE; i++) {
            copy.append(TREE.leaves.get(i));
        }
        assertThat(copy.size()).isEqualTo(SIZE);
        assertThat(copy.root()).isEqualTo(TREE.mth(0, SIZE));
        assertThat(original.size()).isEqualTo(7);
        assertThat(original.root()).isEqualTo(TREE.mth(0, 7));
    }

    @Test
    void every_perfect_subtree_is_reported_once_leaf_first_then_upwards() {
        Recorder sink = new Recorder();
        CompactRange range = CompactRange.empty();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            range.append(TREE.leaves.get(i), sink);
            // The leaf, then one parent per trailing one bit of the old size.
            long index = i;
            expected.add(entry(0, index));
            for (int level = 1; ((i >>> (level - 1)) & 1) == 1; level++) {
                index >>>= 1;
                expected.add(entry(level, index));
            }
        }
        assertThat(sink.events).containsExactlyElementsOf(expected);
    }

    private static String entry(int level, long index) {
        return level + "," + index + "=" + HexFormat.of().formatHex(TREE.hash(level, index));
    }

    @Test
    void a_range_rebuilt_from_stored_subtrees_continues_identically() {
        Recorder original = new Recorder();
        CompactRange grown = CompactRange.empty();
        List<CompactRange> snapshots = new ArrayList<>();
        for (int size = 0; size <= 150; size++) {
            Recorder reader = new Recorder();
            reader.stored.putAll(original.stored);
            snapshots.add(CompactRange.of(size, reader.asStore()));
            grown.append(TREE.leaves.get(size), original);
        }
        for (int size = 0; size <= 150; size++) {
            CompactRange rebuilt = snapshots.get(size);
            CompactRange fresh = CompactRange.empty();
            for (int i = 0; i < size; i++) {
                fresh.append(TREE.leaves.get(i));
            }
            assertThat(rebuilt.size()).isEqualTo(size);
            assertThat(rebuilt.root()).isEqualTo(fresh.root());
            Recorder fromRebuilt = new Recorder();
            Recorder fromFresh = new Recorder();
            for (int i = size; i < size + 40; i++) {
                rebuilt.append(TREE.leaves.get(i), fromRebuilt);
                fresh.append(TREE.leaves.get(i), fromFresh);
                assertThat(rebuilt.root()).isEqualTo(fresh.root()).isEqualTo(TREE.mth(0, i + 1));
            }
            assertThat(fromRebuilt.events).as("continuing from %d", size).isEqualTo(fromFresh.events);
        }
    }

    @Test
    void rebuilding_reads_one_stored_subtree_per_set_bit() {
        MemoryTree tree = MemoryTree.ofSize(SIZE);
        CompactRange range = CompactRange.of(SIZE, tree.within(SIZE));
        assertThat(tree.reads).containsExactly("8,0", "5,8", "3,36", "2,74");
        assertThat(range.root()).isEqualTo(tree.mth(0, SIZE));
        assertThat(CompactRange.of(0, (level, index) -> {
            throw new AssertionError("no read expected");
        }).root()).isEqualTo(TreeHash.emptyRoot());
    }

    @Test
    void a_missing_stored_subtree_is_reported_when_rebuilding() {
        assertThatThrownBy(() -> CompactRange.of(6, (level, index) -> level == 1 ? null : TREE.hash(level, index)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(1, 2)");
        assertThatThrownBy(() -> CompactRange.of(1, (level, index) -> new byte[31]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(0, 0)");
        assertThatThrownBy(() -> CompactRange.of(-1, TREE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_32_byte_leaf_hashes_are_appended() {
        CompactRange range = CompactRange.empty();
        assertThatThrownBy(() -> range.append(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> range.append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(range.size()).isZero();
    }

    @Test
    void a_full_tree_refuses_another_leaf() {
        CompactRange full = CompactRange.of(Long.MAX_VALUE, (level, index) -> TREE.hash(0, 0));
        assertThat(full.size()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> full.append(TREE.leaves.get(0))).isInstanceOf(IllegalStateException.class);
        assertThat(full.size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void callers_cannot_change_the_range_through_arrays_they_passed_or_got() {
        CompactRange range = CompactRange.empty();
        byte[] leaf = TREE.leaves.get(0).clone();
        range.append(leaf);
        leaf[0] ^= 1;
        byte[] root = range.root();
        root[1] ^= 1;
        assertThat(range.root()).isEqualTo(TREE.mth(0, 1));
    }
}
