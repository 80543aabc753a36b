package ledger.api.infrastructure.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Ledger-Signature: sha256=<hex>}: HMAC-SHA256 of the exact request body under the
 * recipient's {@code notify-secret} (UTF-8). A recipient recomputes it and compares in constant time.
 */
public final class NotificationSignature {

    public static final String HEADER = "X-Ledger-Signature";
    public static final String PREFIX = "sha256=";

    private NotificationSignature() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
