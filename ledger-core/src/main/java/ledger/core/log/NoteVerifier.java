package ledger.core.log;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** C2SP signed-note verifier for one Ed25519 key, strict as golang.org/x/mod/sumdb/note's Open. */
public final class NoteVerifier {

    private final String keyName;
    private final byte[] keyHash;
    private final byte[] publicKey;
    private final PublicKey javaKey;

    private NoteVerifier(String keyName, byte[] keyHash, byte[] publicKey) {
        this.keyName = keyName;
        this.keyHash = keyHash;
        this.publicKey = publicKey;
        this.javaKey = toJavaKey(publicKey);
    }

    /** Strict parse of "&lt;name&gt;+&lt;8 lowercase hex&gt;+&lt;base64 std(0x01 || publicKey)&gt;"; IllegalArgumentException. */
    public static NoteVerifier parse(String verifierKey) {
        if (verifierKey == null) {
            throw new IllegalArgumentException("no verifier key");
        }
        // The base64 may itself hold '+', so split at the first two only.
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is name+hash+key");
        }
        String name = Notes.requireKeyName(parts[0]);
        byte[] typed = Base64s.decodeCanonical(parts[2], "verifier key");
        if (typed.length != 1 + Notes.PUBLIC_KEY_BYTES || typed[0] != Notes.ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key");
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, typed.length);
        byte[] keyHash = Notes.keyHash(name, publicKey);
        if (!HexFormat.of().formatHex(keyHash).equals(parts[1])) {
            throw new IllegalArgumentException("the key hash is not the 8 lowercase hex digits of the name and key");
        }
        return new NoteVerifier(name, keyHash, publicKey);
    }

    public String keyName() {
        return keyName;
    }

    public byte[] keyHash() {
        return keyHash.clone();
    }

    /** Raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns the verified body (the text up to and including the newline before the blank line). Throws
     * {@link NoteVerificationException} when the note is malformed, when a signature line of this key (same
     * name and key hash) does not verify, or when there is none. Lines of other keys are skipped.
     */
    public String verify(String note) {
        if (note == null) {
            throw malformed("no note");
        }
        // Every character is at least one byte: refuse huge input before encoding it.
        if (note.length() > Notes.MAX_NOTE_BYTES) {
            throw malformed("more than " + Notes.MAX_NOTE_BYTES + " characters");
        }
        byte[] noteBytes;
        try {
            noteBytes = Notes.requireText(note);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        if (noteBytes.length > Notes.MAX_NOTE_BYTES) {
            throw malformed("larger than " + Notes.MAX_NOTE_BYTES + " bytes");
        }
        // Signature lines never hold a blank line, so the last one ends the body.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw malformed("no blank line before the signatures");
        }
        if (split + 2 == note.length()) {
            throw malformed("no signature lines after the blank line");
        }
        String body = note.substring(0, split + 1);
        String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (lines.length > Notes.MAX_SIGNATURES) {
            throw malformed("more than " + Notes.MAX_SIGNATURES + " signatures");
        }
        byte[] bodyBytes = Utf8.encode(body);
        boolean verified = false;
        for (String line : lines) {
            byte[] signed = signatureOfThisKey(line);
            if (signed != null) {
                if (!ed25519(bodyBytes, Arrays.copyOfRange(signed, Notes.KEY_HASH_BYTES, signed.length))) {
                    throw new NoteVerificationException("invalid signature for key " + keyName);
                }
                verified = true;
            }
        }
        if (!verified) {
            throw new NoteVerificationException("no signature of key " + keyName);
        }
        return body;
    }

    /**
     * Verifies a detached Ed25519 signature of this key ({@link NoteSigner#signDetached}, e.g. a consent
     * receipt's JWS); false for a message with a newline, which no detached signature ever covers.
     */
    public boolean verifyDetached(byte[] message, byte[] signature) {
        for (byte b : message) {
            if (b == '\n') {
                return false;
            }
        }
        return ed25519(message, signature);
    }

    // Parses one signature line; returns keyHash || signature when the line is this key's, null when another's.
    private byte[] signatureOfThisKey(String line) {
        if (!line.startsWith(Notes.SIGNATURE_PREFIX)) {
            throw malformed("a signature line starts with an em dash and a space");
        }
        String[] nameAndSignature = line.substring(Notes.SIGNATURE_PREFIX.length()).split(" ", 2);
        if (nameAndSignature.length != 2) {
            throw malformed("a signature line is name, space, base64");
        }
        String name = nameAndSignature[0];
        byte[] signed;
        try {
            Notes.requireKeyName(name);
            signed = Base64s.decodeCanonical(nameAndSignature[1], "signature");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        if (signed.length <= Notes.KEY_HASH_BYTES) {
            throw malformed("a signature is a key hash and at least one byte");
        }
        boolean ours = name.equals(keyName)
                && MessageDigest.isEqual(Arrays.copyOf(signed, Notes.KEY_HASH_BYTES), keyHash);
        return ours ? signed : null;
    }

    // A signature of the wrong length makes the JDK throw, which is a failed verification too.
    private boolean ed25519(byte[] message, byte[] signature) {
        return ed25519(javaKey, message, signature);
    }

    static boolean ed25519(PublicKey javaKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(javaKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        } catch (GeneralSecurityException e) {
            return false; // e.g. bytes that are no curve point: not a valid signature
        }
    }

    static PublicKey toJavaKey(byte[] publicKey) {
        byte[] x509 = new byte[NoteSigner.X509_PREFIX.length + publicKey.length];
        System.arraycopy(NoteSigner.X509_PREFIX, 0, x509, 0, NoteSigner.X509_PREFIX.length);
        System.arraycopy(publicKey, 0, x509, NoteSigner.X509_PREFIX.length, publicKey.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private static NoteVerificationException malformed(String why) {
        return new NoteVerificationException("malformed note: " + why);
    }
}
