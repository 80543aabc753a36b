package ledger.api.infrastructure.axon;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many times events were committed (here, or on another node as its commit signal tells), as far as
 * this node knows. Counted before the store's reader is woken, so a fetch that starts after a commit
 * was counted either sees the commit's events or sees the count move on.
 */
final class EventCommits {

    private final AtomicLong count = new AtomicLong();

    void counted() {
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }
}
