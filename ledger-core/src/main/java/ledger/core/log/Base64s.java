package ledger.core.log;

import java.util.Base64;

/** Standard base64, canonical only: the decoder alone accepts stray low bits, so re-encode and compare. */
final class Base64s {

    private Base64s() {
    }

    static byte[] decodeCanonical(String text, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64", e);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException(what + " is not canonical base64");
        }
        return bytes;
    }
}
