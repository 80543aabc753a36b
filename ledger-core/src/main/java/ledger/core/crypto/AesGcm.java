package ledger.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per value; output is {@code nonce || ciphertext || tag}.
 * Associated data binds a ciphertext to its context (subject, type, field), so it cannot be moved.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher per thread, initialised anew for every value (key, nonce and associated data are set each time):
     * looking the transformation up in the providers for every value took 11 % of a replaying processor's samples
     * (docs/performance.md). A GCM cipher refuses to encrypt twice under the same key and nonce; each value gets a
     * fresh random nonce.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    });

    private AesGcm() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData) {
        requireKey(key);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    /** Throws {@link TamperedCiphertext} when the value or its context was altered. */
    public static byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData) {
        requireKey(key);
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new TamperedCiphertext();
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new TamperedCiphertext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
    }

    /** Authentication failed: never read as "erased", the ledger fails closed. */
    public static final class TamperedCiphertext extends RuntimeException {
        TamperedCiphertext() {
            super("ciphertext failed authentication (altered, moved, or the wrong key)", null, false, false);
        }
    }
}
