package ledger.api.infrastructure.keyvault;

import java.security.MessageDigest;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Keyed digests of requests (HMAC-SHA-256 under a key derived from the master key, which never
 * sits in the database): what the idempotency records keep to recognise a repetition. A plain
 * hash of a request would let anyone who reads the table confirm a guessed body, e-mail or name.
 */
@Component
public class RequestDigests {

    static final String PURPOSE = "idempotency-request-digest";

    private final List<byte[]> keys;

    public RequestDigests(MasterKeys masterKeys) {
        this.keys = masterKeys.derivedKeys(PURPOSE);
    }

    /** The digest under the current master key. */
    public byte[] digest(byte[] request) {
        return MasterKeys.hmac(keys.get(0), request);
    }

    /** Whether {@code stored} is the digest of {@code request} under any held master key. */
    public boolean matches(byte[] stored, byte[] request) {
        for (byte[] key : keys) {
            if (MessageDigest.isEqual(stored, MasterKeys.hmac(key, request))) {
                return true;
            }
        }
        return false;
    }
}
