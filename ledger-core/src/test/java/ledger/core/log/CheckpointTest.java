package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class CheckpointTest {

    /** The example checkpoint body of c2sp.org/tlog-checkpoint. */
    private static final String SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void the_spec_example_parses_and_writes_back_byte_for_byte() {
        Checkpoint checkpoint = Checkpoint.parse(SPEC_BODY);
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.treeSize()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHash())
                .isEqualTo(Base64.getDecoder().decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
        assertThat(checkpoint.body()).isEqualTo(SPEC_BODY);
    }

    @Test
    void a_checkpoint_round_trips_through_its_body() {
        Checkpoint empty = new Checkpoint("ledger.example/log", 0, TreeHash.emptyRoot());
        assertThat(empty.body())
                .isEqualTo("ledger.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(empty.body())).isEqualTo(empty);
        Checkpoint big = new Checkpoint("o", Long.MAX_VALUE, TreeHash.leafHash(new byte[0]));
        assertThat(Checkpoint.parse(big.body())).isEqualTo(big);
    }

    @Test
    void parsing_refuses_anything_but_the_canonical_three_lines() {
        String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        String[] refused = {
            null,
            "",
            "o\n5\n" + root,
            "o\n5\n" + root + "\n\n",
            "o\n5\n" + root + "\nextension\n",
            "o\n5\n",
            "\n5\n" + root + "\n",
            "o\n\n" + root + "\n",
            "o\n05\n" + root + "\n",
            "o\n+5\n" + root + "\n",
            "o\n-1\n" + root + "\n",
            "o\n5 \n" + root + "\n",
            "o\n9223372036854775808\n" + root + "\n",
            "o\n12345678901234567890\n" + root + "\n",
            "o\n5\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=" + "\n",
            "o\n5\n" + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I" + "\n",
            "o\n5\n" + "CsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=" + "\n",
            "o\n5\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
            "o\n5\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n",
            "o\r\n5\n" + root + "\n",
            "o\n5\r\n" + root + "\n",
        };
        for (String body : refused) {
            assertThatThrownBy(() -> Checkpoint.parse(body)).as("%s", body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Checkpoint.parse("o\n0\n" + root + "\n").treeSize()).isZero();
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + root + "\n").treeSize()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_checkpoint_that_could_not_be_written_as_three_lines_cannot_be_made() {
        byte[] root = TreeHash.emptyRoot();
        assertThatThrownBy(() -> new Checkpoint(null, 0, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("", 0, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\n5", 0, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\u0001", 0, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\ud800", 0, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 0, new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpoints_compare_by_value_and_keep_their_root_to_themselves() {
        byte[] root = TreeHash.emptyRoot();
        Checkpoint checkpoint = new Checkpoint("o", 3, root);
        root[0] ^= 1;
        checkpoint.rootHash()[1] ^= 1;
        Checkpoint same = new Checkpoint("o", 3, TreeHash.emptyRoot());
        assertThat(checkpoint).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(checkpoint).isNotEqualTo(new Checkpoint("p", 3, TreeHash.emptyRoot()));
        assertThat(checkpoint).isNotEqualTo(new Checkpoint("o", 4, TreeHash.emptyRoot()));
        assertThat(checkpoint).isNotEqualTo(new Checkpoint("o", 3, TreeHash.leafHash(new byte[0])));
        assertThat(checkpoint).isNotEqualTo("o");
        assertThat(checkpoint.hashCode()).isNotEqualTo(new Checkpoint("o", 4, TreeHash.emptyRoot()).hashCode());
        assertThat(checkpoint.hashCode()).isNotEqualTo(new Checkpoint("p", 3, TreeHash.emptyRoot()).hashCode());
        assertThat(checkpoint.toString()).isEqualTo(
                "Checkpoint[o, 3, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855]");
    }
}
