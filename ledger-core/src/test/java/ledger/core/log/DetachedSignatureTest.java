package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

import org.junit.jupiter.api.Test;

/** Signatures beside the signed notes (consent receipts), with the checkpoints' key. */
class DetachedSignatureTest {

    private static final NoteSigner SIGNER = new NoteSigner("ledger.test", new byte[32]);

    @Test
    void a_detached_signature_verifies_with_the_public_key_alone() throws Exception {
        byte[] message = "eyJhbGciOiJFZERTQSJ9.eyJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = SIGNER.signDetached(message);
        byte[] x509 = new byte[NoteSigner.X509_PREFIX.length + 32];
        System.arraycopy(NoteSigner.X509_PREFIX, 0, x509, 0, NoteSigner.X509_PREFIX.length);
        System.arraycopy(SIGNER.publicKey(), 0, x509, NoteSigner.X509_PREFIX.length, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
        message[0] ^= 1;
        verifier.initVerify(key);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isFalse();
    }

    @Test
    void nothing_with_a_newline_is_signed_detached_so_no_such_signature_passes_for_a_note() {
        assertThatThrownBy(() -> SIGNER.signDetached("origin\n1\nAAAA\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_detached_signature_verifies_with_the_verifier_key_and_fails_for_another_message() {
        NoteVerifier verifier = NoteVerifier.parse(SIGNER.verifierKey());
        byte[] message = "eyJhbGciOiJFZERTQSJ9.eyJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = SIGNER.signDetached(message);
        assertThat(verifier.verifyDetached(message, signature)).isTrue();
        message[0] ^= 1;
        assertThat(verifier.verifyDetached(message, signature)).isFalse();
    }

    @Test
    void a_message_with_a_newline_never_verifies_detached_even_under_a_real_signature() {
        NoteVerifier verifier = NoteVerifier.parse(SIGNER.verifierKey());
        byte[] message = "origin\n1\nAAAA\n".getBytes(StandardCharsets.UTF_8);
        byte[] signature = SIGNER.ed25519(message);
        assertThat(verifier.verifyDetached(message, signature)).isFalse();
    }
}
