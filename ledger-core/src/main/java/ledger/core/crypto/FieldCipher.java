package ledger.core.crypto;

/**
 * How one personal field is sealed under its subject's data key. The stored text names its scheme
 * in a prefix, so a reader can refuse a value that was stored without encryption.
 */
public interface FieldCipher {

    /** The stored text of {@code plain}: the scheme's prefix and the sealed bytes. */
    String seal(byte[] key, byte[] plain, byte[] associatedData);

    /** Whether {@code stored} was written by this cipher. */
    boolean recognises(String stored);

    /** The plain bytes of a text this cipher {@link #recognises recognises}. */
    byte[] open(byte[] key, String stored, byte[] associatedData);

    /** AES-256-GCM with a fresh nonce per value: what every stored event uses. */
    static FieldCipher aesGcm() {
        return AesGcmFieldCipher.INSTANCE;
    }
}
