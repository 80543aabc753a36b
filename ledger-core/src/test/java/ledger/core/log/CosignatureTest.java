package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * C2SP tlog-cosignature Ed25519 cosignature/v1. The known answer was computed apart from this code,
 * with Python's {@code cryptography} (Ed25519 of "cosignature/v1\ntime 1679315147\n" + the body, key id
 * SHA-256(name || 0x0A || 0x04 || key)[:4]), seed 0x00..0x1f.
 */
class CosignatureTest {

    static final String NAME = "witness.example/w1";
    static final String VKEY = "witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    static final String BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    static final long TIME = 1679315147L;
    static final String LINE = "\u2014 witness.example/w1 519lMgAAAABkGFDLBuRDazBLVac2NE+Y+IjbjQOcXLfF9CSDZVUIoS83rE1nFZsVE8YiWV6"
            + "Ngr7lV8H6bdoBQGP/l73euDMQ9k+bBQ==\n";

    private static byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }

    @Test
    void a_cosignature_matches_an_independent_implementation() {
        Cosigner cosigner = new Cosigner(NAME, seed());
        assertThat(cosigner.verifierKey()).isEqualTo(VKEY);
        assertThat(cosigner.cosign(BODY, TIME)).isEqualTo(LINE);
    }

    @Test
    void the_known_cosignature_verifies_with_its_timestamp() {
        var found = Cosignatures.parse(VKEY).find(BODY, List.of(LINE));
        assertThat(found).hasValueSatisfying(c -> {
            assertThat(c.witness()).isEqualTo(NAME);
            assertThat(c.timestamp()).isEqualTo(TIME);
        });
    }

    @Test
    void a_cosignature_over_another_body_fails() {
        String other = BODY.replace("20852163", "20852164");
        assertThatThrownBy(() -> Cosignatures.parse(VKEY).find(other, List.of(LINE)))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("invalid cosignature");
    }

    @Test
    void a_changed_timestamp_fails() {
        byte[] signed = Base64.getDecoder().decode(LINE.substring(LINE.lastIndexOf(' ') + 1, LINE.length() - 1));
        signed[11] ^= 1;
        String line = "\u2014 " + NAME + " " + Base64.getEncoder().encodeToString(signed) + "\n";
        assertThatThrownBy(() -> Cosignatures.parse(VKEY).find(BODY, List.of(line)))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void lines_of_other_keys_are_ignored_and_none_of_this_key_is_empty() {
        Cosigner other = new Cosigner("witness.example/w2", NoteSigner.generateSeed());
        assertThat(Cosignatures.parse(VKEY).find(BODY, List.of(other.cosign(BODY, TIME)))).isEmpty();
    }

    @Test
    void a_log_signature_never_passes_for_a_cosignature_of_the_same_key() {
        // same name and key, type 0x01: another key id, so the line is not this witness's
        NoteSigner logKey = new NoteSigner(NAME, seed());
        String note = logKey.sign(BODY);
        assertThat(Cosignatures.parse(VKEY).find(note)).isEmpty();
        assertThatThrownBy(() -> Cosignatures.parse(logKey.verifierKey()))
                .hasMessageContaining("0x04");
    }

    @Test
    void a_whole_cosigned_checkpoint_verifies_for_the_log_and_the_witness() {
        NoteSigner log = new NoteSigner("example.com/behind-the-sofa", NoteSigner.generateSeed());
        Cosigner witness = new Cosigner(NAME, seed());
        String note = log.sign(BODY) + witness.cosign(BODY, TIME);
        assertThat(NoteVerifier.parse(log.verifierKey()).verify(note)).isEqualTo(BODY);
        assertThat(Cosignatures.parse(VKEY).find(note)).isPresent();
    }

    @Test
    void a_zero_timestamp_is_never_signed() {
        assertThatThrownBy(() -> new Cosigner(NAME, seed()).cosign(BODY, 0)).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void the_add_checkpoint_body_round_trips_and_is_strict() {
        byte[] hash = TreeHash.emptyRoot();
        AddCheckpoint request = new AddCheckpoint(7, List.of(hash, hash), "note\n");
        assertThat(request.format()).isEqualTo("old 7\n" + Base64.getEncoder().encodeToString(hash) + "\n"
                + Base64.getEncoder().encodeToString(hash) + "\n\nnote\n");
        AddCheckpoint parsed = AddCheckpoint.parse(request.format());
        assertThat(parsed.oldSize()).isEqualTo(7);
        assertThat(parsed.proof()).hasSize(2);
        assertThat(parsed.checkpoint()).isEqualTo("note\n");
        for (String bad : List.of("old 07\n\nnote\n", "old 1\nnote\n", "new 1\n\nnote\n", "old -1\n\nx\n",
                "old 1\n\n", "old 1\nAAAA\n\nx\n")) {
            assertThatThrownBy(() -> AddCheckpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
