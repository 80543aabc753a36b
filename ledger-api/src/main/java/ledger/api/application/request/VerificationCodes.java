package ledger.api.application.request;

import java.util.UUID;

/**
 * One-time codes that verify a requester: 8 random digits, kept only as their keyed digest (HMAC-SHA-256
 * under a key derived from the master key, bound to the request), so neither the events nor the database
 * hold a code anyone could replay. Five wrong codes lock a challenge: guessing 10^8 codes is no option.
 */
public interface VerificationCodes {

    /** A new code: 8 decimal digits. */
    String newCode();

    /** The code's digest for the request, under the current master key (lowercase hex). */
    String digest(UUID requestId, String code);
}
