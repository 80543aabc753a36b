package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Known answers from golang.org/x/mod sumdb/note/note_test.go (PeterNeumann and EnochRoot keys, TestSign,
 * TestOpen, TestNewVerifier) and the example.com/foo example of c2sp.org/signed-note (as quoted by other
 * implementations' test suites).
 */
class SignedNoteTest {

    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    private final NoteVerifier peter = NoteVerifier.parse(PETER_VKEY);

    @Test
    void signing_with_the_go_test_key_reproduces_the_published_note() {
        NoteSigner signer = NoteSigner.parsePrivateKey(PETER_SKEY);
        assertThat(signer.keyName()).isEqualTo("PeterNeumann");
        assertThat(HexFormat.of().formatHex(signer.keyHash())).isEqualTo("c74f20a3");
        assertThat(signer.verifierKey()).isEqualTo(PETER_VKEY);
        assertThat(signer.sign(TEXT)).isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void the_published_notes_verify() {
        assertThat(peter.keyName()).isEqualTo("PeterNeumann");
        assertThat(HexFormat.of().formatHex(peter.keyHash())).isEqualTo("c74f20a3");
        assertThat(peter.verify(TEXT + "\n" + PETER_SIG)).isEqualTo(TEXT);
        // Lines of other keys are skipped, whichever the order.
        assertThat(peter.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG)).isEqualTo(TEXT);
        assertThat(peter.verify(TEXT + "\n" + ENOCH_SIG + PETER_SIG)).isEqualTo(TEXT);
        assertThat(NoteVerifier.parse(ENOCH_VKEY).verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG)).isEqualTo(TEXT);
        assertThat(peter.verify(TEXT + "\n" + PETER_SIG + PETER_SIG)).isEqualTo(TEXT);
    }

    @Test
    void the_c2sp_example_note_verifies() {
        NoteVerifier verifier = NoteVerifier.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        String note = "This is an example message.\n\n\u2014 example.com/foo "
                + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
        assertThat(verifier.verify(note)).isEqualTo("This is an example message.\n");
    }

    @Test
    void a_note_without_a_signature_of_this_key_fails() {
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + ENOCH_SIG))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("no signature");
        // Same key hash under another name, or our name with another key hash: not ours.
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "CarmenSandiego")))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("no signature");
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG.replace("x08g", "xxxx")))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("no signature");
    }

    @Test
    void a_changed_body_or_a_damaged_signature_of_this_key_fails() {
        assertThatThrownBy(() -> peter.verify(TEXT.replace("answer", "answers") + "\n" + PETER_SIG))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("invalid signature");
        String damaged = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + damaged))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("invalid signature");
        // A good line does not excuse a bad one of the same key.
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG + damaged))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("invalid signature");
        // Key hash right but the signature 63 bytes long.
        byte[] signed = Base64.getDecoder().decode(PETER_SIG.substring(15, PETER_SIG.length() - 1));
        String shortSig = "\u2014 PeterNeumann "
                + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(signed, signed.length - 1)) + "\n";
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + shortSig))
                .isInstanceOf(NoteVerificationException.class).hasMessageContaining("invalid signature");
    }

    @Test
    void a_note_signed_by_another_key_of_the_same_name_fails() {
        NoteSigner impostor = new NoteSigner("PeterNeumann", NoteSigner.generateSeed());
        assertThatThrownBy(() -> peter.verify(impostor.sign(TEXT))).isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void malformed_notes_are_refused() {
        String[] malformed = {
            null,
            TEXT,
            TEXT + "\n",
            TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
            "\u0001" + TEXT + "\n" + PETER_SIG,
            "\ud800" + TEXT + "\n" + PETER_SIG,
            TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
            TEXT + "\n" + PETER_SIG.repeat(101),
            TEXT + "\n" + "\u2014 PeterNeumann\n",
            TEXT + "\n" + "\u2014 PeterNeumann \n",
            TEXT + "\n" + "\u2014 Peter+Neumann x08go/ZJ\n",
            TEXT + "\n" + "\u2014 PeterNeumann x08go/ZJ=\n",
            TEXT + "\n" + "\u2014 PeterNeumann x08go/Z=\n",
            TEXT + "\n" + "\u2014 PeterNeumann x08g\n",
            TEXT + "\n" + "- PeterNeumann x08go/ZJ\n",
            TEXT + "\n" + "\u2014PeterNeumann x08go/ZJ\n",
            TEXT + "\n" + PETER_SIG.replace("\n", "\r\n"),
            TEXT + "\n" + PETER_SIG + "\n",
            "x".repeat(1 << 20) + "\n\n" + PETER_SIG,
            "\u00e9".repeat(1 << 19) + "\n\n" + PETER_SIG,
            // Each next to a good signature, so only the malformed line can make these fail.
            TEXT + "\n" + PETER_SIG + PETER_SIG.replace("\u2014", "-"),
            TEXT + "\n" + PETER_SIG + "\u2014 PeterNeumann x08g\n",
            TEXT + "\n" + PETER_SIG + "\u2014 PeterNeumann x08gow==\n",
            TEXT + "\n" + PETER_SIG + "\u2014 PeterNeumann\n",
        };
        for (String note : malformed) {
            assertThatThrownBy(() -> peter.verify(note)).as("%s", note == null ? null : note.substring(0,
                    Math.min(note.length(), 200))).isInstanceOf(NoteVerificationException.class)
                    .hasMessageStartingWith("malformed note");
        }
        assertThatThrownBy(() -> peter.verify(TEXT)).hasMessageContaining("no blank line");
        assertThatThrownBy(() -> peter.verify("x".repeat((1 << 20) + 1))).hasMessageContaining("characters");
        assertThatThrownBy(() -> peter.verify("\u00e9".repeat(1 << 19) + "\n\n" + PETER_SIG))
                .hasMessageContaining("bytes");
        assertThat(peter.verify(TEXT + "\n" + PETER_SIG.repeat(100))).isEqualTo(TEXT);
    }

    @Test
    void a_body_may_hold_blank_lines_because_the_last_one_ends_it() {
        NoteSigner signer = new NoteSigner("ledger.example/log", NoteSigner.generateSeed());
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        for (String body : new String[] {"first\n\nthird\n", "\n", "\n\n", "last\n\n"}) {
            assertThat(verifier.verify(signer.sign(body))).isEqualTo(body);
        }
    }

    @Test
    void a_generated_key_signs_notes_its_verifier_key_accepts() {
        NoteSigner signer = new NoteSigner("ledger.example/log", NoteSigner.generateSeed());
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        assertThat(verifier.keyName()).isEqualTo(signer.keyName());
        assertThat(verifier.keyHash()).isEqualTo(signer.keyHash());
        assertThat(verifier.publicKey()).isEqualTo(signer.publicKey()).hasSize(32);
        String body = new Checkpoint("ledger.example/log", 3, TreeHash.emptyRoot()).body();
        String note = signer.sign(body);
        assertThat(verifier.verify(note)).isEqualTo(body);
        assertThat(note).startsWith(body + "\n\u2014 ledger.example/log ").endsWith("\n");
        assertThat(Checkpoint.parse(verifier.verify(note)).treeSize()).isEqualTo(3);
    }

    @Test
    void the_key_hash_is_the_first_four_bytes_of_sha256_of_name_newline_type_and_key() throws Exception {
        NoteSigner signer = new NoteSigner("example.org/k", NoteSigner.generateSeed());
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update("example.org/k\n".getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x01);
        sha.update(signer.publicKey());
        assertThat(signer.keyHash()).isEqualTo(java.util.Arrays.copyOf(sha.digest(), 4));
        assertThat(signer.verifierKey()).isEqualTo("example.org/k+" + HexFormat.of().formatHex(signer.keyHash()) + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {1}, signer.publicKey())));
    }

    @Test
    void the_same_seed_gives_the_same_key_and_deterministic_signatures() {
        byte[] seed = NoteSigner.generateSeed();
        assertThat(seed).hasSize(32).isNotEqualTo(NoteSigner.generateSeed());
        NoteSigner one = new NoteSigner("k", seed);
        NoteSigner two = new NoteSigner("k", seed.clone());
        assertThat(one.publicKey()).isEqualTo(two.publicKey());
        assertThat(one.sign("x\n")).isEqualTo(two.sign("x\n"));
        assertThat(new NoteSigner("k", NoteSigner.generateSeed()).publicKey()).isNotEqualTo(one.publicKey());
    }

    @Test
    void signing_refuses_what_a_verifier_would_refuse() {
        NoteSigner signer = new NoteSigner("k", NoteSigner.generateSeed());
        assertThatThrownBy(() -> signer.sign(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("no newline")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("tab\there\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("\ud800\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("x".repeat(1 << 20) + "\n")).isInstanceOf(IllegalArgumentException.class);
        // The note adds: blank line 1, em dash 3, space 1, name 1, space 1, base64 of 68 bytes 92, newline 1.
        String largest = "x".repeat((1 << 20) - 101) + "\n";
        assertThat(NoteVerifier.parse(signer.verifierKey()).verify(signer.sign(largest))).isEqualTo(largest);
        assertThat(Utf8.encode(signer.sign(largest))).hasSize(1 << 20);
        String tooLarge = "x" + largest;
        assertThatThrownBy(() -> signer.sign(tooLarge)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void key_names_are_non_empty_without_spaces_or_plus() {
        byte[] seed = NoteSigner.generateSeed();
        for (String name : new String[] {null, "", "a b", "a+b", "a\tb", "a\nb", "a\u00a0b", "a\u2003b", "a\u0001b",
            "\ud800", "+ab"}) {
            assertThatThrownBy(() -> new NoteSigner(name, seed)).as("%s", name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new NoteSigner("\u00e9xample.org/log-1", seed).keyName()).isEqualTo("\u00e9xample.org/log-1");
    }

    @Test
    void a_seed_is_exactly_32_bytes() {
        assertThatThrownBy(() -> new NoteSigner("k", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSigner("k", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoteSigner("k", new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_mangling_of_the_go_verifier_key_is_refused() {
        byte[] key = PETER_VKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= key.length; i++) {
            for (int j = i + 1; j <= key.length; j++) {
                if (i != 0 || j != key.length) {
                    assertRefusedVerifierKey(new String(key, i, j - i, StandardCharsets.US_ASCII));
                }
            }
        }
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            assertRefusedVerifierKey(new String(key, StandardCharsets.US_ASCII));
            key[i]--;
        }
        // Wrong key length and unknown algorithm, each with a matching key hash (from the Go test).
        assertRefusedVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
        assertRefusedVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertRefusedVerifierKey(null);
        assertRefusedVerifierKey("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertRefusedVerifierKey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX");
    }

    @Test
    void every_mangling_of_the_go_private_key_is_refused() {
        byte[] key = PETER_SKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= key.length; i++) {
            for (int j = i + 1; j <= key.length; j++) {
                if (i != 0 || j != key.length) {
                    assertRefusedPrivateKey(new String(key, i, j - i, StandardCharsets.US_ASCII));
                }
            }
        }
        for (int i = 0; i < key.length; i++) {
            key[i]++;
            assertRefusedPrivateKey(new String(key, StandardCharsets.US_ASCII));
            key[i]--;
        }
        assertRefusedPrivateKey(null);
        String twoType = "PRIVATE+KEY+PeterNeumann+c74f20a3+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {2}, new byte[32]));
        assertRefusedPrivateKey(twoType);
    }

    @Test
    void a_verifier_for_bytes_that_are_no_curve_point_verifies_nothing() {
        // y = 2 has no x on edwards25519; the key hash is computed for it, so the key string parses.
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        String keyHash = HexFormat.of().formatHex(Notes.keyHash("odd", notAPoint));
        NoteVerifier odd = NoteVerifier.parse("odd+" + keyHash + "+"
                + Base64.getEncoder().encodeToString(concat(new byte[] {1}, notAPoint)));
        String note = "x\n\n\u2014 odd " + Base64.getEncoder().encodeToString(
                concat(HexFormat.of().parseHex(keyHash), new byte[64])) + "\n";
        assertThatThrownBy(() -> odd.verify(note)).isInstanceOf(NoteVerificationException.class)
                .hasMessageContaining("invalid signature");
    }

    @Test
    void returned_key_bytes_are_copies() {
        NoteSigner signer = NoteSigner.parsePrivateKey(PETER_SKEY);
        signer.keyHash()[0] ^= 1;
        signer.publicKey()[0] ^= 1;
        peter.keyHash()[0] ^= 1;
        peter.publicKey()[0] ^= 1;
        assertThat(signer.verifierKey()).isEqualTo(PETER_VKEY);
        assertThat(HexFormat.of().formatHex(peter.keyHash())).isEqualTo("c74f20a3");
        assertThat(peter.publicKey()).isEqualTo(signer.publicKey());
        assertThat(peter.verify(signer.sign(TEXT))).isEqualTo(TEXT);
    }

    private static void assertRefusedVerifierKey(String key) {
        assertThatThrownBy(() -> NoteVerifier.parse(key)).as("%s", key).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefusedPrivateKey(String key) {
        assertThatThrownBy(() -> NoteSigner.parsePrivateKey(key)).as("%s", key)
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void a_note_of_exactly_the_largest_size_verifies_and_its_characters_and_bytes_are_both_counted() {
        NoteSigner signer = NoteSigner.parsePrivateKey(PETER_SKEY);
        // the em dash is one character and three bytes: a note of n bytes has n - 2 characters
        int signatureBytes = signer.sign("x\n").getBytes(StandardCharsets.UTF_8).length - "x\n".length();
        String body = "x".repeat((1 << 20) - signatureBytes - 1) + "\n";
        String note = signer.sign(body);
        assertThat(note.getBytes(StandardCharsets.UTF_8)).hasSize(1 << 20);
        assertThat(peter.verify(note)).isEqualTo(body);
        assertThat("xx" + note).hasSize(1 << 20);
        assertThatThrownBy(() -> peter.verify("xx" + note)).isInstanceOf(NoteVerificationException.class)
                .hasMessage("malformed note: larger than 1048576 bytes");
        assertThatThrownBy(() -> peter.verify("xxx" + note)).isInstanceOf(NoteVerificationException.class)
                .hasMessage("malformed note: more than 1048576 characters");
    }
}
