package ledger.core.crypto;

import java.util.Optional;
import java.util.UUID;

/**
 * The data keys of data subjects, one per subject. Erasure shreds a key and leaves a tombstone,
 * so no later or retried command can mint a new key for that subject.
 */
public interface KeyVault {

    /** The subject's key, created on first use. Throws {@link SubjectErased} for an erased subject. */
    byte[] keyForWriting(UUID subject);

    /**
     * The subject's key, or empty when it was shredded. Fails (throws) when the key cannot be read
     * or never existed: an unreachable vault is not an erasure.
     */
    Optional<byte[]> keyForReading(UUID subject);

    /** Shreds the key and leaves a tombstone; false when it was shredded before. */
    boolean shred(UUID subject);
}
