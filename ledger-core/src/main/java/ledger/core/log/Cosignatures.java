package ledger.core.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies C2SP tlog-cosignature Ed25519 {@code cosignature/v1} lines of one witness key, strictly.
 * A checkpoint note may carry the log's signature and any number of cosignatures; lines of other keys
 * are ignored, a line of this key (same name and key id) that does not verify is an error.
 */
public final class Cosignatures {

    private static final String HEADER = "cosignature/v1\n";
    private static final int SIGNED_BYTES = Notes.KEY_HASH_BYTES + Long.BYTES + Notes.SIGNATURE_BYTES;

    /** One verified cosignature: the witness's name, its timestamp (seconds) and the line as sent. */
    public record Cosignature(String witness, long timestamp, String line) {
    }

    private final String name;
    private final byte[] keyId;
    private final byte[] publicKey;
    private final PublicKey javaKey;

    private Cosignatures(String name, byte[] keyId, byte[] publicKey) {
        this.name = name;
        this.keyId = keyId;
        this.publicKey = publicKey;
        this.javaKey = NoteVerifier.toJavaKey(publicKey);
    }

    /** Strict parse of "&lt;name&gt;+&lt;8 lowercase hex&gt;+&lt;base64 std(0x04 || public key)&gt;"; IllegalArgumentException. */
    public static Cosignatures parse(String verifierKey) {
        if (verifierKey == null) {
            throw new IllegalArgumentException("no witness verifier key");
        }
        String[] parts = verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a witness verifier key is name+keyid+key");
        }
        String name = Notes.requireKeyName(parts[0]);
        byte[] typed = Base64s.decodeCanonical(parts[2], "witness verifier key");
        if (typed.length != 1 + Notes.PUBLIC_KEY_BYTES || typed[0] != Notes.COSIGNATURE_V1) {
            throw new IllegalArgumentException("not an Ed25519 cosignature/v1 verifier key (type 0x04)");
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, typed.length);
        byte[] keyId = Notes.keyHash(name, Notes.COSIGNATURE_V1, publicKey);
        if (!HexFormat.of().formatHex(keyId).equals(parts[1])) {
            throw new IllegalArgumentException("the key id is not the 8 lowercase hex digits of the name and key");
        }
        return new Cosignatures(name, keyId, publicKey);
    }

    public String name() {
        return name;
    }

    /** Raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The message a cosignature signs: header, time line, then the checkpoint body. */
    static byte[] message(String checkpointBody, long epochSeconds) {
        Notes.requireText(checkpointBody);
        return Utf8.encode(HEADER + "time " + epochSeconds + "\n" + checkpointBody);
    }

    /**
     * This key's cosignature among the signature lines of a checkpoint note (or a witness's answer,
     * lines only, with {@code body} given apart). Empty when there is none; NoteVerificationException
     * when a line of this key does not verify or is malformed.
     */
    public Optional<Cosignature> find(String body, List<String> signatureLines) {
        Cosignature found = null;
        for (String line : signatureLines) {
            Cosignature verified = verifyLine(body, line);
            if (verified != null) {
                found = verified;
            }
        }
        return Optional.ofNullable(found);
    }

    /** As {@link #find(String, List)} over a whole note: body, blank line, signature lines. */
    public Optional<Cosignature> find(String note) {
        int split = note == null ? -1 : note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new NoteVerificationException("malformed note: no blank line before the signatures");
        }
        return find(note.substring(0, split + 1), lines(note.substring(split + 2)));
    }

    /** The lines of a block of signature lines, each ending in "\n" (the last one too). */
    public static List<String> lines(String block) {
        if (block.isEmpty()) {
            return List.of();
        }
        if (!block.endsWith("\n")) {
            throw new NoteVerificationException("malformed signature lines: the last one does not end in a newline");
        }
        List<String> lines = new ArrayList<>(List.of(block.substring(0, block.length() - 1).split("\n", -1)));
        if (lines.size() > Notes.MAX_SIGNATURES) {
            throw new NoteVerificationException("malformed signature lines: more than " + Notes.MAX_SIGNATURES);
        }
        return lines;
    }

    // null when the line is another key's
    private Cosignature verifyLine(String body, String line) {
        String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!text.startsWith(Notes.SIGNATURE_PREFIX)) {
            throw new NoteVerificationException("malformed note: a signature line starts with an em dash and a space");
        }
        String[] nameAndSignature = text.substring(Notes.SIGNATURE_PREFIX.length()).split(" ", 2);
        if (nameAndSignature.length != 2) {
            throw new NoteVerificationException("malformed note: a signature line is name, space, base64");
        }
        byte[] signed;
        try {
            Notes.requireKeyName(nameAndSignature[0]);
            signed = Base64s.decodeCanonical(nameAndSignature[1], "signature");
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("malformed note: " + e.getMessage());
        }
        if (!nameAndSignature[0].equals(name) || signed.length < Notes.KEY_HASH_BYTES
                || !MessageDigest.isEqual(Arrays.copyOf(signed, Notes.KEY_HASH_BYTES), keyId)) {
            return null;
        }
        if (signed.length != SIGNED_BYTES) {
            throw new NoteVerificationException("cosignature of " + name + " is not key id, timestamp and signature");
        }
        ByteBuffer buffer = ByteBuffer.wrap(signed, Notes.KEY_HASH_BYTES, Long.BYTES + Notes.SIGNATURE_BYTES);
        long timestamp = buffer.getLong();
        if (timestamp <= 0) {
            throw new NoteVerificationException("cosignature of " + name + " has no timestamp");
        }
        byte[] signature = Arrays.copyOfRange(signed, Notes.KEY_HASH_BYTES + Long.BYTES, signed.length);
        byte[] message;
        try {
            message = message(body, timestamp);
        } catch (IllegalArgumentException e) {
            throw new NoteVerificationException("malformed note: " + e.getMessage());
        }
        if (!NoteVerifier.ed25519(javaKey, message, signature)) {
            throw new NoteVerificationException("invalid cosignature of witness " + name);
        }
        return new Cosignature(name, timestamp, text + "\n");
    }
}
