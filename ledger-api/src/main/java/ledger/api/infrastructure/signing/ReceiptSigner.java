package ledger.api.infrastructure.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import ledger.core.log.NoteSigner;

/**
 * Signs consent receipts as compact JWS (RFC 7515) with the ledger's one Ed25519 key, the key of
 * the signed checkpoints: {@code alg} EdDSA (RFC 8037), {@code kid} the key hash of the note
 * verifier key (8 lowercase hex digits, as {@code /api/v1/ledger/public-key} shows it). Whoever holds
 * that public key checks a receipt without the ledger. A JWS signing input never holds a newline,
 * so no receipt signature can pass for a checkpoint's (see {@link NoteSigner#signDetached}).
 */
@Component
public class ReceiptSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final NoteSigner signer;
    private final String keyId;

    ReceiptSigner(NoteSigner checkpointSigner) {
        this.signer = checkpointSigner;
        this.keyId = HexFormat.of().formatHex(checkpointSigner.keyHash());
    }

    /** The JWS {@code kid}: the key hash of the ledger's note verifier key. */
    public String keyId() {
        return keyId;
    }

    /** {@code BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature)}, the payload's bytes as given. */
    public String compactJws(byte[] payload) {
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + keyId + "\"}";
        String signingInput = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payload);
        byte[] signature = signer.signDetached(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }
}
