package ledger.api.infrastructure.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine that does not ask the database for events again when its last fetch
 * reached the end and nothing was committed since ({@link ShortFetches}): the store's reader then
 * costs one transaction per wake-up instead of three (docs/performance.md, "Issue 32, fourth round").
 *
 * <p>Only the tail's reader (Axon's shared producer, which reads with {@code mayBlock}) is answered from
 * memory: it looks again on the next commit or after its fetch delay, so a wrong "nothing" costs it a
 * moment. A stream that catches up (a replay, a processor far behind) reads until the database finds
 * nothing: Axon ends such a stream on an empty fetch and hands the consumer to the tail's reader, which
 * would not go back for what it skipped.
 */
final class CommitAwareJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final ShortFetches shortFetches;
    private final AtomicLong asked = new AtomicLong();

    CommitAwareJdbcEventStorageEngine(Builder builder, ShortFetches shortFetches) {
        super(builder);
        this.shortFetches = shortFetches;
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock) {
            return super.readEventData(trackingToken, true);
        }
        return StreamSupport.stream(new CatchingUp(trackingToken), false);
    }

    /**
     * The event's time, parsed once from the stored text without java.time's formatter ({@link CanonicalInstants}):
     * Axon parses the text again for every message it makes of the event (in the work package, in the message
     * monitors: 6 % of a replay's samples, docs/performance.md). Text in another form is parsed as Axon parses it.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        if (read instanceof TrackedDomainEventData<?> event) {
            Instant at = CanonicalInstants.parse(resultSet.getString(schema().timestampColumn()));
            return new TimedOnce<>(event, at != null ? at : event.getTimestamp());
        }
        return read;
    }

    /** A stored event whose time is read once. */
    static final class TimedOnce<T> extends TrackedDomainEventData<T> {

        private final Instant at;

        private TimedOnce(TrackedDomainEventData<T> event, Instant at) {
            super(event.trackingToken(), event);
            this.at = at;
        }

        @Override
        public Instant getTimestamp() {
            return at;
        }
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        ShortFetches.Fetch fetch = shortFetches.starting(lastToken);
        if (fetch.nothingNew()) {
            return List.of();
        }
        List<? extends TrackedEventData<?>> fetched = ask(lastToken, batchSize);
        if (reachedTheEnd(lastToken, batchSize, fetched)) {
            shortFetches.endedShort(fetch, fetched.isEmpty() ? lastToken : fetched.get(fetched.size() - 1).trackingToken());
        }
        return fetched;
    }

    /**
     * Whether the fetch saw the end of the stream: nothing (Axon's own look beyond a range of holes found
     * nothing either), or fewer events than a batch and none in the last numbers of its range. A range whose
     * last number holds an event may be short only by holes (numbers of appends that rolled back) while more
     * events follow. What this cannot see (more holes in a row than the range's empty end, then events) waits
     * for the next commit or the memo's validity, on the tail's reader only.
     */
    static boolean reachedTheEnd(TrackingToken lastToken, int batchSize, List<? extends TrackedEventData<?>> fetched) {
        if (fetched.isEmpty()) {
            return true;
        }
        if (fetched.size() >= batchSize) {
            return false;
        }
        long from = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        TrackingToken last = fetched.get(fetched.size() - 1).trackingToken();
        return last instanceof GapAwareTrackingToken token && token.getIndex() < from + batchSize;
    }

    private List<? extends TrackedEventData<?>> ask(TrackingToken lastToken, int batchSize) {
        asked.incrementAndGet();
        return FetchesOutsideTransactions.fetching(() -> super.fetchTrackedEvents(lastToken, batchSize));
    }

    /** How many fetches of tracked events asked the database (each in auto-commit, {@link FetchesOutsideTransactions}). */
    long fetchesAsked() {
        return asked.get();
    }

    /**
     * A stream that asks the database for every batch, as Axon's own: it ends where a fetch finds nothing, and
     * asked again after that it fetches again (Axon's store asks an exhausted private stream once more).
     */
    private final class CatchingUp extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = List.<TrackedEventData<?>>of().iterator();

        CatchingUp(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.NONNULL | Spliterator.ORDERED | Spliterator.DISTINCT
                    | Spliterator.CONCURRENT);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                List<? extends TrackedEventData<?>> fetched = ask(last, batchSize());
                if (fetched.isEmpty()) {
                    return false;
                }
                batch = fetched.iterator();
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
