package ledger.core.erasure;

import java.util.UUID;

/**
 * Lets a writer of plaintext outside the event store (a read model, a stored HTTP answer) and an
 * erasure exclude each other: the writer holds the subject's key row until its transaction ends,
 * and an erasure shreds that row before it purges. Whatever the interleaving, either the writer
 * commits first and the purge removes what it wrote, or the writer sees the shredded key and
 * writes nothing personal.
 */
public interface ShredFence {

    /**
     * Holds the subject's key against a concurrent shred until the current transaction ends
     * (waiting for an erasure in flight to commit or roll back); true when the key is shredded.
     */
    boolean shreddedHolding(UUID subject);
}
