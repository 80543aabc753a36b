package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Known answers from transparency-dev/merkle: rfc6962/rfc6962_test.go (hasher) and proof/verify_test.go
 * (roots of the first 1..8 of the eight standard RFC 6962 test leaves).
 */
class TreeHashTest {

    static final HexFormat HEX = HexFormat.of();

    /** The eight standard leaves of the RFC 6962 test data (leaf data, not hashes). */
    static final List<byte[]> STANDARD_LEAVES = List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    /** roots[i] is the MTH of the first i + 1 standard leaves (verify_test.go). */
    static final List<String> STANDARD_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    static List<byte[]> standardLeafHashes() {
        return STANDARD_LEAVES.stream().map(TreeHash::leafHash).toList();
    }

    @Test
    void the_empty_root_is_the_sha256_of_nothing() {
        assertThat(HEX.formatHex(TreeHash.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(TreeHash.root(List.of())).isEqualTo(TreeHash.emptyRoot());
    }

    @Test
    void an_empty_leaf_hashes_with_the_leaf_prefix_and_differs_from_the_empty_root() {
        assertThat(HEX.formatHex(TreeHash.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void a_leaf_hash_matches_the_published_answer() {
        assertThat(HEX.formatHex(TreeHash.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    }

    @Test
    void a_node_hash_matches_the_published_answer() {
        byte[] left = "N123".getBytes(StandardCharsets.US_ASCII);
        byte[] right = "N456".getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(TreeHash.nodeHash(left, right)))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
        assertThat(TreeHash.nodeHash(right, left)).isNotEqualTo(TreeHash.nodeHash(left, right));
    }

    @Test
    void the_roots_of_the_standard_leaves_match_the_published_roots() {
        List<byte[]> leaves = standardLeafHashes();
        List<String> roots = IntStream.rangeClosed(1, 8)
                .mapToObj(n -> HEX.formatHex(TreeHash.root(leaves.subList(0, n))))
                .toList();
        assertThat(roots).isEqualTo(STANDARD_ROOTS);
    }
}
