package ledger.core.log;

import static ledger.core.log.TreeHashTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Published answers from transparency-dev/merkle: the proof hashes of proof/verify_test.go (over the eight
 * standard RFC 6962 leaves) and the node ids of proof/proof_test.go (which stored subtrees a proof consists of).
 */
class ProofsKnownAnswerTest {

    private final MemoryTree standard = new MemoryTree(TreeHashTest.standardLeafHashes());

    private static List<String> hex(List<byte[]> proof) {
        return proof.stream().map(HEX::formatHex).toList();
    }

    private static byte[] standardRoot(int size) {
        return HEX.parseHex(TreeHashTest.STANDARD_ROOTS.get(size - 1));
    }

    private List<String> inclusionWithin(int index, int size) {
        List<byte[]> proof = Proofs.inclusion(index, size, standard);
        assertThat(Proofs.verifyInclusion(index, size, standard.leaves.get(index), proof, standardRoot(size)))
                .isTrue();
        return hex(proof);
    }

    private List<String> consistencyWithin(int first, int second) {
        List<byte[]> proof = Proofs.consistency(first, second, standard);
        assertThat(Proofs.verifyConsistency(first, second, standardRoot(first), standardRoot(second), proof))
                .isTrue();
        return hex(proof);
    }

    @Test
    void the_standard_roots_come_out_of_the_stored_subtrees() {
        for (int size = 1; size <= 8; size++) {
            assertThat(HEX.formatHex(Proofs.root(size, standard))).isEqualTo(TreeHashTest.STANDARD_ROOTS.get(size - 1));
        }
    }

    @Test
    void inclusion_proofs_of_the_standard_leaves_match_the_published_proofs() {
        assertThat(inclusionWithin(0, 1)).isEmpty();
        assertThat(inclusionWithin(0, 8)).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(inclusionWithin(5, 8)).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(inclusionWithin(2, 3)).containsExactly(
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
        assertThat(inclusionWithin(1, 5)).containsExactly(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void consistency_proofs_of_the_standard_leaves_match_the_published_proofs() {
        assertThat(consistencyWithin(1, 1)).isEmpty();
        assertThat(consistencyWithin(1, 8)).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(consistencyWithin(6, 8)).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(consistencyWithin(2, 5)).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(consistencyWithin(6, 7)).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    private static List<String> inclusionReads(int index, int size) {
        MemoryTree tree = MemoryTree.ofSize(size);
        Proofs.inclusion(index, size, tree);
        return tree.reads;
    }

    private static List<String> consistencyReads(int first, int second) {
        MemoryTree tree = MemoryTree.ofSize(second);
        Proofs.consistency(first, second, tree);
        return tree.reads;
    }

    @Test
    void an_inclusion_proof_reads_exactly_the_stored_subtrees_the_published_proof_names() {
        assertThat(inclusionReads(0, 2)).containsExactlyInAnyOrder("0,1");
        assertThat(inclusionReads(1, 3)).containsExactlyInAnyOrder("0,0", "0,2");
        assertThat(inclusionReads(0, 7)).containsExactlyInAnyOrder("0,1", "1,1", "0,6", "1,2");
        assertThat(inclusionReads(2, 7)).containsExactlyInAnyOrder("0,3", "1,0", "0,6", "1,2");
        assertThat(inclusionReads(4, 7)).containsExactlyInAnyOrder("0,5", "0,6", "2,0");
        assertThat(inclusionReads(6, 7)).containsExactlyInAnyOrder("1,2", "2,0");
        assertThat(inclusionReads(3, 5)).containsExactlyInAnyOrder("0,2", "1,0", "0,4");
        assertThat(inclusionReads(4, 6)).containsExactlyInAnyOrder("0,5", "2,0");
        assertThat(inclusionReads(10, 15)).containsExactlyInAnyOrder("0,11", "1,4", "0,14", "1,6", "3,0");
        assertThat(inclusionReads(24, 31)).containsExactlyInAnyOrder("0,25", "1,13", "0,30", "1,14", "3,2", "4,0");
        assertThat(inclusionReads(81, 95)).containsExactlyInAnyOrder(
                "0,80", "1,41", "2,21", "0,94", "1,46", "2,22", "4,4", "6,0");
    }

    @Test
    void a_consistency_proof_reads_exactly_the_stored_subtrees_the_published_proof_names() {
        assertThat(consistencyReads(1, 2)).containsExactlyInAnyOrder("0,1");
        assertThat(consistencyReads(1, 4)).containsExactlyInAnyOrder("0,1", "1,1");
        assertThat(consistencyReads(1, 6)).containsExactlyInAnyOrder("0,1", "1,1", "1,2");
        assertThat(consistencyReads(2, 3)).containsExactlyInAnyOrder("0,2");
        assertThat(consistencyReads(2, 8)).containsExactlyInAnyOrder("1,1", "2,1");
        assertThat(consistencyReads(3, 7)).containsExactlyInAnyOrder("0,2", "0,3", "1,0", "0,6", "1,2");
        assertThat(consistencyReads(4, 7)).containsExactlyInAnyOrder("0,6", "1,2");
        assertThat(consistencyReads(5, 7)).containsExactlyInAnyOrder("0,4", "0,5", "0,6", "2,0");
        assertThat(consistencyReads(6, 7)).containsExactlyInAnyOrder("1,2", "0,6", "2,0");
        assertThat(consistencyReads(7, 8)).containsExactlyInAnyOrder("0,6", "0,7", "1,2", "2,0");
        assertThat(consistencyReads(3, 5)).containsExactlyInAnyOrder("0,2", "0,3", "1,0", "0,4");
        assertThat(consistencyReads(10, 15)).containsExactlyInAnyOrder("1,4", "1,5", "0,14", "1,6", "3,0");
        assertThat(consistencyReads(24, 31)).containsExactlyInAnyOrder("3,2", "0,30", "1,14", "2,6", "4,0");
        assertThat(consistencyReads(81, 95)).containsExactlyInAnyOrder(
                "0,80", "0,81", "1,41", "2,21", "0,94", "1,46", "2,22", "4,4", "6,0");
        for (int size = 1; size <= 8; size++) {
            assertThat(consistencyReads(size, size)).isEmpty();
        }
    }
}
