package ledger.core.crypto;

/**
 * This node does not hold the master key a request needs: a data key is wrapped by a master key id
 * it was not given, or the fleet wraps new keys under one it lacks (another node rotated). Nothing
 * the client did: the node is not ready (readiness is down) and the request may be retried on
 * another node. The message names master key ids only, never key material or a subject.
 */
public final class MasterKeyUnavailable extends RuntimeException {

    public MasterKeyUnavailable(String message) {
        super(message, null, false, false);
    }
}
