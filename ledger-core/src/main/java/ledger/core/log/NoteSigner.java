package ledger.core.log;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** C2SP signed-note signer with Ed25519. */
public final class NoteSigner {

    static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int SEED_BYTES = 32;
    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private final String keyName;
    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final byte[] keyHash;

    /** @param ed25519Seed32 the raw 32-byte private seed (RFC 8032), as stored by the caller */
    public NoteSigner(String keyName, byte[] ed25519Seed32) {
        this.keyName = Notes.requireKeyName(keyName);
        if (ed25519Seed32 == null || ed25519Seed32.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        KeyPair pair = derive(ed25519Seed32);
        this.privateKey = pair.getPrivate();
        byte[] x509 = pair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(x509, X509_PREFIX.length, x509.length);
        this.keyHash = Notes.keyHash(keyName, publicKey);
    }

    /** Reads golang.org/x/mod/sumdb/note's private key "PRIVATE+KEY+name+hash+base64(0x01 || seed)", strictly. */
    public static NoteSigner parsePrivateKey(String privateKey) {
        if (privateKey == null || !privateKey.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new IllegalArgumentException("a private key starts with " + PRIVATE_KEY_PREFIX);
        }
        String[] parts = privateKey.substring(PRIVATE_KEY_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a private key is PRIVATE+KEY+name+hash+key");
        }
        byte[] key = Base64s.decodeCanonical(parts[2], "private key");
        if (key.length != SEED_BYTES + 1 || key[0] != Notes.ED25519) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        NoteSigner signer = new NoteSigner(parts[0], Arrays.copyOfRange(key, 1, key.length));
        if (!HexFormat.of().formatHex(signer.keyHash).equals(parts[1])) {
            throw new IllegalArgumentException("the key hash does not match the key");
        }
        return signer;
    }

    /** 32 bytes from SecureRandom: a new signing key's seed. */
    public static byte[] generateSeed() {
        byte[] seed = new byte[SEED_BYTES];
        new SecureRandom().nextBytes(seed);
        return seed;
    }

    public String keyName() {
        return keyName;
    }

    /** Raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** First 4 bytes of SHA-256(keyName || 0x0A || 0x01 || publicKey). */
    public byte[] keyHash() {
        return keyHash.clone();
    }

    /** "&lt;name&gt;+&lt;8 lowercase hex of keyHash&gt;+&lt;base64 std(0x01 || publicKey)&gt;", what verifiers are given. */
    public String verifierKey() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = Notes.ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return keyName + "+" + HexFormat.of().formatHex(keyHash) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** The full note: body + "\n" + "— " + keyName + " " + base64(keyHash || signature) + "\n". */
    public String sign(String body) {
        byte[] text = Notes.requireText(body);
        byte[] signed = new byte[Notes.KEY_HASH_BYTES + Notes.SIGNATURE_BYTES];
        System.arraycopy(keyHash, 0, signed, 0, Notes.KEY_HASH_BYTES);
        System.arraycopy(ed25519(text), 0, signed, Notes.KEY_HASH_BYTES, Notes.SIGNATURE_BYTES);
        String note = body + "\n" + Notes.SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(signed)
                + "\n";
        if (Utf8.encode(note).length > Notes.MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("the note would exceed " + Notes.MAX_NOTE_BYTES + " bytes");
        }
        return note;
    }

    /**
     * The Ed25519 signature of {@code message} itself, for signatures outside signed notes (the JWS of a
     * consent receipt, RFC 8037). Refused for a message holding a newline: every signed-note text ends
     * with one, so nothing signed here can pass for a note, nor a note's signature for one made here.
     */
    public byte[] signDetached(byte[] message) {
        for (byte b : message) {
            if (b == '\n') {
                throw new IllegalArgumentException("a detached signature is never over text with a newline");
            }
        }
        return ed25519(message);
    }

    /** The plain Ed25519 signature (package-private: cosignatures sign text with newlines under their own prefix). */
    byte[] ed25519(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    // The JDK has no "public key from seed" call; its key pair generator draws exactly the 32-byte seed from
    // the given random source, so hand it the seed, then check the private key is the PKCS#8 of that seed.
    private static KeyPair derive(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] expected = new byte[PKCS8_PREFIX.length + SEED_BYTES];
            System.arraycopy(PKCS8_PREFIX, 0, expected, 0, PKCS8_PREFIX.length);
            System.arraycopy(seed, 0, expected, PKCS8_PREFIX.length, SEED_BYTES);
            if (!Arrays.equals(pair.getPrivate().getEncoded(), expected)) {
                throw new IllegalStateException("this runtime's Ed25519 key generator did not use the given seed");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** A "random" source that yields the seed once; used only to derive a key pair. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
