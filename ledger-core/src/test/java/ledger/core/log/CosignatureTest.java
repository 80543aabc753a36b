package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
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

    private static String lineOf(String name, byte[] signed) {
        return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(signed) + "\n";
    }

    private static byte[] keyId() {
        return HexFormat.of().parseHex("e75f6532");
    }

    /** A line of this witness's key carrying a real signature over the body at {@code timestamp}, made without Cosigner. */
    private static String signedAt(long timestamp) {
        byte[] signature = new NoteSigner(NAME, seed()).ed25519(Cosignatures.message(BODY, timestamp));
        return lineOf(NAME, ByteBuffer.allocate(4 + 8 + 64).put(keyId()).putLong(timestamp).put(signature).array());
    }

    @Test
    void a_witness_verifier_key_gives_its_name_and_raw_public_key() {
        Cosignatures witness = Cosignatures.parse(VKEY);
        assertThat(witness.name()).isEqualTo(NAME);
        assertThat(witness.publicKey()).isEqualTo(new NoteSigner(NAME, seed()).publicKey())
                .isEqualTo(Arrays.copyOfRange(Base64.getDecoder().decode(VKEY.split("\\+", 3)[2]),
                        1, 33));
    }

    @Test
    void a_witness_verifier_key_that_is_missing_incomplete_or_of_another_key_id_is_refused() {
        assertThatThrownBy(() -> Cosignatures.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no witness verifier key");
        assertThatThrownBy(() -> Cosignatures.parse(NAME + "+e75f6532")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name+keyid+key");
        assertThatThrownBy(() -> Cosignatures.parse(VKEY.replace("+e75f6532+", "+e75f6533+")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
        assertThatThrownBy(() -> Cosignatures.parse(VKEY.replace("+e75f6532+", "+E75F6532+")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
    }

    @Test
    void a_whole_note_needs_a_blank_line_and_a_final_newline() {
        Cosignatures witness = Cosignatures.parse(VKEY);
        assertThatThrownBy(() -> witness.find(null)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no blank line");
        assertThatThrownBy(() -> witness.find(BODY + LINE)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no blank line");
        String unterminated = BODY + "\n" + LINE.substring(0, LINE.length() - 1);
        assertThatThrownBy(() -> witness.find(unterminated)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("no blank line");
        assertThat(witness.find(BODY + "\n" + LINE)).hasValueSatisfying(c -> {
            assertThat(c.timestamp()).isEqualTo(TIME);
            assertThat(c.line()).isEqualTo(LINE);
        });
    }

    @Test
    void a_note_whose_blank_line_opens_it_has_the_empty_body_and_its_lines_are_still_read() {
        Cosigner other = new Cosigner("witness.example/w2", seed());
        assertThat(Cosignatures.parse(VKEY).find("\n\n" + other.cosign("\n", TIME))).isEmpty();
    }

    @Test
    void signature_lines_are_newline_terminated_and_at_most_one_hundred() {
        assertThat(Cosignatures.lines("")).isEmpty();
        assertThat(Cosignatures.lines("a\nb\n")).containsExactly("a", "b");
        assertThatThrownBy(() -> Cosignatures.lines("a\nb")).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("does not end in a newline");
        assertThat(Cosignatures.lines("x\n".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> Cosignatures.lines("x\n".repeat(101))).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("more than 100");
    }

    @Test
    void a_line_without_the_em_dash_or_without_a_signature_is_malformed() {
        Cosignatures witness = Cosignatures.parse(VKEY);
        assertThatThrownBy(() -> witness.find(BODY, List.of("- " + LINE.substring(2))))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("em dash");
        assertThatThrownBy(() -> witness.find(BODY, List.of("\u2014 " + NAME + "\n")))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("name, space, base64");
    }

    @Test
    void a_line_of_this_key_id_that_is_not_key_id_timestamp_and_signature_is_an_error() {
        Cosignatures witness = Cosignatures.parse(VKEY);
        assertThatThrownBy(() -> witness.find(BODY, List.of(lineOf(NAME, keyId()))))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("not key id, timestamp and signature");
        byte[] short_ = Arrays.copyOf(keyId(), 4 + 8 + 10);
        assertThatThrownBy(() -> witness.find(BODY, List.of(lineOf(NAME, short_))))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("not key id, timestamp and signature");
        // fewer bytes than a key id: another key's line
        assertThat(witness.find(BODY, List.of(lineOf(NAME, new byte[] {(byte) 0xe7, 0x5f, 0x65})))).isEmpty();
    }

    @Test
    void a_signed_timestamp_of_zero_or_below_is_refused() {
        Cosignatures witness = Cosignatures.parse(VKEY);
        assertThat(witness.find(BODY, List.of(signedAt(1)))).hasValueSatisfying(c -> assertThat(c.timestamp())
                .isEqualTo(1));
        assertThatThrownBy(() -> witness.find(BODY, List.of(signedAt(0))))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("has no timestamp");
        assertThatThrownBy(() -> witness.find(BODY, List.of(signedAt(-1))))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("has no timestamp");
    }
}
