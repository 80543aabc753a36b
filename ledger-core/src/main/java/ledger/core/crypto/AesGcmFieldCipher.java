package ledger.core.crypto;

import java.util.Base64;

/** Stored as {@code enc:v1:} and the base64url of nonce, ciphertext and tag. */
final class AesGcmFieldCipher implements FieldCipher {

    static final AesGcmFieldCipher INSTANCE = new AesGcmFieldCipher();
    static final String PREFIX = "enc:v1:";

    private AesGcmFieldCipher() {
    }

    @Override
    public String seal(byte[] key, byte[] plain, byte[] associatedData) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.encrypt(key, plain, associatedData));
    }

    @Override
    public boolean recognises(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public byte[] open(byte[] key, String stored, byte[] associatedData) {
        return AesGcm.decrypt(key, Base64.getUrlDecoder().decode(stored.substring(PREFIX.length())), associatedData);
    }
}
