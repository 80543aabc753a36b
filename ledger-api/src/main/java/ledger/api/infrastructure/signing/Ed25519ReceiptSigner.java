package ledger.api.infrastructure.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import ledger.api.application.consent.ReceiptSigner;
import ledger.core.log.NoteSigner;

/** The ReceiptSigner port as infrastructure implements it. */
@Component
public class Ed25519ReceiptSigner implements ReceiptSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final NoteSigner signer;
    private final String keyId;

    Ed25519ReceiptSigner(NoteSigner checkpointSigner) {
        this.signer = checkpointSigner;
        this.keyId = HexFormat.of().formatHex(checkpointSigner.keyHash());
    }

    /** The JWS {@code kid}: the key hash of the ledger's note verifier key. */
    @Override
    public String keyId() {
        return keyId;
    }

    /** {@code BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature)}, the payload's bytes as given. */
    @Override
    public String compactJws(byte[] payload) {
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + keyId + "\"}";
        String signingInput = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payload);
        byte[] signature = signer.signDetached(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature);
    }
}
