package ledger.api.infrastructure.axon;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.axonframework.eventhandling.TrackingToken;

/**
 * Whether a fetch of events from a token can be answered "nothing" without asking the database: the
 * previous fetch ended at that token at the end of the stream as far as it could see (nothing, or fewer
 * events than a batch and none in the last numbers of its range:
 * {@link CommitAwareJdbcEventStorageEngine#reachedTheEnd}), and no commit of events was counted since it
 * began. Axon's store reader asks
 * again after every batch, and once more after a batch with events, each a transaction with a gap
 * check when nothing is found: three transactions per wake-up where one answers.
 *
 * <p>Why "no commit counted" is enough: every commit is counted (after it became visible, before the
 * reader is woken) and the count is read before the fetch's query starts. A commit the query did not
 * see became visible after the query began, so it was counted after the count was read: the next
 * fetch sees the count moved and asks. A gap in the token (a transaction still open) is filled by a
 * commit, which is counted too. What no count covers (a commit whose signal was lost, more numbers
 * skipped in a row than the range's empty end) waits at most {@code validity}: after that the fetch asks
 * whatever the count. Only the tail's reader is answered from here: a stream that catches up asks.
 */
final class ShortFetches {

    private record ShortFetch(TrackingToken endedAt, long commits, long startedNanos) {
    }

    private final LongSupplier commits;
    private final LongSupplier clock;
    private final long validityNanos;
    private final AtomicReference<ShortFetch> last = new AtomicReference<>();

    ShortFetches(LongSupplier commits, LongSupplier nanoClock, long validityNanos) {
        this.commits = commits;
        this.clock = nanoClock;
        this.validityNanos = validityNanos;
    }

    /** Read before the fetch's query: what the fetch is later recorded with. */
    Fetch starting(TrackingToken from) {
        long count = commits.getAsLong();
        long now = clock.getAsLong();
        ShortFetch known = last.get();
        boolean nothingNew = known != null && known.commits() == count && Objects.equals(known.endedAt(), from)
                && now - known.startedNanos() < validityNanos;
        return new Fetch(count, now, nothingNew);
    }

    /** The fetch that started with {@code fetch} saw the end of the stream at {@code endedAt}. */
    void endedShort(Fetch fetch, TrackingToken endedAt) {
        last.set(new ShortFetch(endedAt, fetch.commits(), fetch.startedNanos()));
    }

    /** {@code nothingNew}: answer without asking the database. */
    record Fetch(long commits, long startedNanos, boolean nothingNew) {
    }
}
