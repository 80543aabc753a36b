package ledger.core.log;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A witness's key: C2SP tlog-cosignature Ed25519 {@code cosignature/v1}. The signed message is
 * {@code "cosignature/v1\ntime <seconds>\n"} followed by the checkpoint's body; the signature line is
 * {@code — <name> base64(key id || u64 big-endian timestamp || signature)}, the key id the first 4
 * bytes of SHA-256(name || 0x0A || 0x04 || public key). Distinct from the log's note key (type 0x01):
 * a cosignature can never pass for a checkpoint signature, nor one for the other.
 */
public final class Cosigner {

    private final NoteSigner keys;
    private final byte[] keyId;

    /** @param ed25519Seed32 the raw 32-byte private seed (RFC 8032) */
    public Cosigner(String name, byte[] ed25519Seed32) {
        this.keys = new NoteSigner(name, ed25519Seed32);
        this.keyId = Notes.keyHash(name, Notes.COSIGNATURE_V1, keys.publicKey());
    }

    public String name() {
        return keys.keyName();
    }

    /** "&lt;name&gt;+&lt;8 hex key id&gt;+&lt;base64(0x04 || public key)&gt;": what logs and monitors are given. */
    public String verifierKey() {
        byte[] publicKey = keys.publicKey();
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = Notes.COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name() + "+" + HexFormat.of().formatHex(keyId) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** The cosignature line (ending in "\n") over a checkpoint body at {@code epochSeconds} (never 0). */
    public String cosign(String checkpointBody, long epochSeconds) {
        if (epochSeconds <= 0) {
            throw new IllegalArgumentException("a cosignature's timestamp is never zero");
        }
        byte[] signature = keys.ed25519(Cosignatures.message(checkpointBody, epochSeconds));
        ByteBuffer signed = ByteBuffer.allocate(Notes.KEY_HASH_BYTES + Long.BYTES + Notes.SIGNATURE_BYTES);
        signed.put(keyId).putLong(epochSeconds).put(signature);
        return Notes.SIGNATURE_PREFIX + name() + " " + Base64.getEncoder().encodeToString(signed.array()) + "\n";
    }
}
