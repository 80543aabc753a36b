package ledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AesGcmTest {

    private static final byte[] CONTEXT = "v1|subject|Type|field".getBytes(StandardCharsets.UTF_8);

    @Test
    void an_empty_value_encrypts_and_reads_back_empty() {
        byte[] key = AesGcm.newKey();
        byte[] sealed = AesGcm.encrypt(key, new byte[0], CONTEXT);
        assertThat(AesGcm.decrypt(key, sealed, CONTEXT)).isEmpty();
    }

    @Test
    void a_new_key_is_256_random_bits() {
        byte[] first = AesGcm.newKey();
        assertThat(first).hasSize(32).isNotEqualTo(new byte[32]).isNotEqualTo(AesGcm.newKey());
    }

    @Test
    void only_a_256_bit_key_is_accepted() {
        byte[] aes128 = new byte[16];
        byte[] sealed = AesGcm.encrypt(AesGcm.newKey(), new byte[] {1}, CONTEXT);
        assertThatThrownBy(() -> AesGcm.encrypt(aes128, new byte[] {1}, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte");
        assertThatThrownBy(() -> AesGcm.decrypt(aes128, sealed, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte");
        assertThatThrownBy(() -> AesGcm.encrypt(null, new byte[] {1}, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte");
    }

    @Test
    void a_value_too_short_to_hold_nonce_and_tag_fails_authentication() {
        byte[] key = AesGcm.newKey();
        assertThatThrownBy(() -> AesGcm.decrypt(key, new byte[5], CONTEXT))
                .isInstanceOf(AesGcm.TamperedCiphertext.class);
        assertThatThrownBy(() -> AesGcm.decrypt(key, new byte[27], CONTEXT))
                .isInstanceOf(AesGcm.TamperedCiphertext.class);
    }

    @Test
    void a_thread_seals_and_opens_value_after_value_and_goes_on_after_a_value_that_fails_authentication() {
        byte[] key = AesGcm.newKey();
        byte[] other = AesGcm.newKey();
        for (int i = 0; i < 50; i++) {
            byte[] mine = i % 2 == 0 ? key : other;
            byte[] wrong = i % 2 == 0 ? other : key;
            byte[] plain = ("value " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sealed = AesGcm.encrypt(mine, plain, CONTEXT);
            byte[] again = AesGcm.encrypt(mine, plain, CONTEXT);
            assertThat(again).as("a fresh nonce each time").isNotEqualTo(sealed);
            assertThat(AesGcm.decrypt(mine, sealed, CONTEXT)).isEqualTo(plain);
            byte[] tampered = sealed.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> AesGcm.decrypt(mine, tampered, CONTEXT)).isInstanceOf(AesGcm.TamperedCiphertext.class);
            assertThatThrownBy(() -> AesGcm.decrypt(wrong, sealed, CONTEXT))
                    .as("the wrong key").isInstanceOf(AesGcm.TamperedCiphertext.class);
            assertThatThrownBy(() -> AesGcm.decrypt(mine, sealed,
                    "v1|subject|Type|other".getBytes(StandardCharsets.UTF_8))).as("another context")
                    .isInstanceOf(AesGcm.TamperedCiphertext.class);
        }
    }
}
