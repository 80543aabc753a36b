package ledger.bench;

import java.util.Base64;

import ledger.core.crypto.FieldCipher;

/**
 * Benchmark only: a decorator that stores values in the clear (base64url behind {@code enc:v0:}),
 * so a run can measure what AES costs. It still reads what the decorated cipher wrote.
 */
final class NullCipher implements FieldCipher {

    static final String PREFIX = "enc:v0:";

    private final FieldCipher decorated;

    NullCipher(FieldCipher decorated) {
        this.decorated = decorated;
    }

    @Override
    public String seal(byte[] key, byte[] plain, byte[] associatedData) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
    }

    @Override
    public boolean recognises(String stored) {
        return stored.startsWith(PREFIX) || decorated.recognises(stored);
    }

    @Override
    public byte[] open(byte[] key, String stored, byte[] associatedData) {
        if (stored.startsWith(PREFIX)) {
            return Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
        }
        return decorated.open(key, stored, associatedData);
    }

}
