package ledger.api.application.operations;


/**
 * Makes this node's current master key the fleet's active one, then re-wraps every data key that
 * an older master key wrapped with it, in small transactions; no event is touched. The switch
 * comes first and waits for key creations in flight, so no new key is wrapped under the old id
 * after it: once {@code remaining} is 0 the old key can be removed from
 * {@code LEDGER_PREVIOUS_MASTER_KEYS}. Nodes that do not hold the new key go not ready.
 */
public interface MasterKeyRotation {

    public record Result(String masterKeyId, long rewrapped, long remaining) {
    }

    Result rotate();
}
