package ledger.api.infrastructure.axon;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine that does not ask the database for events again when its last fetch
 * reached the end and nothing was committed since ({@link ShortFetches}): the store's reader then
 * costs one transaction per wake-up instead of three (docs/performance.md, "Issue 32, fourth round").
 */
final class CommitAwareJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final ShortFetches shortFetches;
    private final AtomicLong asked = new AtomicLong();

    CommitAwareJdbcEventStorageEngine(Builder builder, ShortFetches shortFetches) {
        super(builder);
        this.shortFetches = shortFetches;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        ShortFetches.Fetch fetch = shortFetches.starting(lastToken);
        if (fetch.nothingNew()) {
            return List.of();
        }
        asked.incrementAndGet();
        List<? extends TrackedEventData<?>> fetched = super.fetchTrackedEvents(lastToken, batchSize);
        if (fetched.size() < batchSize) {
            shortFetches.endedShort(fetch, fetched.isEmpty() ? lastToken : fetched.get(fetched.size() - 1).trackingToken());
        }
        return fetched;
    }

    /** How many fetches of tracked events asked the database (each one transaction). */
    long fetchesAsked() {
        return asked.get();
    }
}
