package ledger.core.log;

import java.util.Arrays;

/** Rules shared by the signer and the verifier (C2SP signed-note, as golang.org/x/mod/sumdb/note reads it). */
final class Notes {

    /** Ed25519 signature type byte of the verifier key and key hash. */
    static final byte ED25519 = 0x01;
    /** C2SP tlog-cosignature's Ed25519 {@code cosignature/v1} type byte. */
    static final byte COSIGNATURE_V1 = 0x04;
    static final int KEY_HASH_BYTES = 4;
    static final int PUBLIC_KEY_BYTES = 32;
    static final int SIGNATURE_BYTES = 64;
    /** Refuse anything larger before verifying: a checkpoint is a few hundred bytes. */
    static final int MAX_NOTE_BYTES = 1 << 20;
    /** The Go implementation's limit; more lines than this is an attempt to make us spin. */
    static final int MAX_SIGNATURES = 100;
    static final String SIGNATURE_PREFIX = "\u2014 ";

    private Notes() {
    }

    /** Non-empty, no whitespace (Unicode's or Java's), no '+', no control characters. */
    static String requireKeyName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('+') >= 0
                || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                        || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a key name is non-empty, without whitespace or '+'");
        }
        Utf8.encode(name);
        return name;
    }

    /** First 4 bytes of SHA-256(name || 0x0A || 0x01 || publicKey). */
    static byte[] keyHash(String name, byte[] publicKey) {
        return keyHash(name, ED25519, publicKey);
    }

    /** First 4 bytes of SHA-256(name || 0x0A || type || publicKey): the key id of a signature type. */
    static byte[] keyHash(String name, byte type, byte[] publicKey) {
        byte[] nameBytes = Utf8.encode(name);
        byte[] input = new byte[nameBytes.length + 2 + publicKey.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = '\n';
        input[nameBytes.length + 1] = type;
        System.arraycopy(publicKey, 0, input, nameBytes.length + 2, publicKey.length);
        return Arrays.copyOf(TreeHash.sha256(input), KEY_HASH_BYTES);
    }

    /** A note body: ends with "\n", no control characters but "\n", valid Unicode; returns its UTF-8. */
    static byte[] requireText(String text) {
        if (text == null || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a note body ends with a newline");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a note holds no control characters but newline");
        }
        return Utf8.encode(text);
    }
}
