package ledger.api.infrastructure.keyvault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import ledger.api.application.request.VerificationCodes;

/** The VerificationCodes port as infrastructure implements it. */
@Component
public class KeyedVerificationCodes implements VerificationCodes {

    static final String PURPOSE = "request-verification-code";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> keys;

    public KeyedVerificationCodes(MasterKeys masterKeys) {
        this.keys = masterKeys.derivedKeys(PURPOSE);
    }

    /** A new code: 8 decimal digits. */
    @Override
    public String newCode() {
        return String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    /** The code's digest for the request, under the current master key (lowercase hex). */
    @Override
    public String digest(UUID requestId, String code) {
        return HexFormat.of().formatHex(MasterKeys.hmac(keys.get(0),
                (requestId + "|" + code).getBytes(StandardCharsets.UTF_8)));
    }
}
