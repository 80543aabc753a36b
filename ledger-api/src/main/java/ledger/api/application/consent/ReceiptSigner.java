package ledger.api.application.consent;

import ledger.core.log.NoteSigner;

/**
 * Signs consent receipts as compact JWS (RFC 7515) with the ledger's one Ed25519 key, the key of
 * the signed checkpoints: {@code alg} EdDSA (RFC 8037), {@code kid} the key hash of the note
 * verifier key (8 lowercase hex digits, as {@code /api/v1/ledger/public-key} shows it). Whoever holds
 * that public key checks a receipt without the ledger. A JWS signing input never holds a newline,
 * so no receipt signature can pass for a checkpoint's (see {@link NoteSigner#signDetached}).
 */
public interface ReceiptSigner {

    /** The JWS {@code kid}: the key hash of the ledger's note verifier key. */
    String keyId();

    /** {@code BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature)}, the payload's bytes as given. */
    String compactJws(byte[] payload);
}
