package ledger.api.infrastructure.keyvault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * One-time codes that verify a requester: 8 random digits, kept only as their keyed digest (HMAC-SHA-256
 * under a key derived from the master key, bound to the request), so neither the events nor the database
 * hold a code anyone could replay. Five wrong codes lock a challenge: guessing 10^8 codes is no option.
 */
@Component
public class VerificationCodes {

    static final String PURPOSE = "request-verification-code";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> keys;

    public VerificationCodes(MasterKeys masterKeys) {
        this.keys = masterKeys.derivedKeys(PURPOSE);
    }

    /** A new code: 8 decimal digits. */
    public String newCode() {
        return String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    /** The code's digest for the request, under the current master key (lowercase hex). */
    public String digest(UUID requestId, String code) {
        return HexFormat.of().formatHex(MasterKeys.hmac(keys.get(0),
                (requestId + "|" + code).getBytes(StandardCharsets.UTF_8)));
    }
}
