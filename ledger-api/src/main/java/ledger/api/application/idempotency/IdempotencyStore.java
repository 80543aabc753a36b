package ledger.api.application.idempotency;

import java.util.Optional;
import java.util.UUID;

import ledger.core.erasure.ShredFence;

/**
 * Idempotency records in PostgreSQL, so a key holds across restarts and nodes. A record keeps the
 * request's hash, the answer's status and {@code Location}, and a body only where the endpoint
 * declares it free of personal data. It is tied to its subject when reserved (or, for a
 * registration, when completed), and erasure deletes the subject's records in its transaction;
 * a completion that races an erasure is fenced on the subject's key (see {@link ShredFence}).
 * Records expire after {@code ledger.idempotency.retention}.
 */
public interface IdempotencyStore {

    public record Stored(byte[] requestHash, String state, Integer status, String contentType, String location,
                         byte[] body) {
        public boolean completed() {
            return "DONE".equals(state);
        }
    }

    /**
     * True when this call reserved the key for {@code request} (method, path and body); false when a
     * live record exists already.
     */
    boolean reserve(String caller, String key, byte[] request, UUID subject);

    /** Whether a stored record was made for this very request. */
    boolean sameRequest(Stored stored, byte[] request);

    /** The member a data-subject request concerns, while the ledger knows the request. */
    Optional<UUID> memberOfRequest(UUID requestId);

    /** The member who holds a username (or its look-alike): the subject of a refused registration. */
    Optional<UUID> holderOfUsername(String username);

    Optional<Stored> find(String caller, String key);

    /**
     * Stores the answer; when the subject was erased meanwhile, deletes the record instead, so a
     * request that finishes after an erasure leaves nothing behind.
     */
    void complete(String caller, String key, int status, String contentType, String location, byte[] body,
                         UUID subject);

    void release(String caller, String key);
}
