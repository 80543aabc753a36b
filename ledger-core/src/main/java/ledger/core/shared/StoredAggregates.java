package ledger.core.shared;

import java.util.Optional;

/**
 * Which kind of aggregate (e.g. {@code Member}, {@code ContactCase}) has stored events under an
 * id. Ids of every kind share one event store, so an id of one kind must never be taken for another.
 */
public interface StoredAggregates {

    /** The aggregate type that owns events under this id, or empty when nothing is stored under it. */
    Optional<String> typeOf(String aggregateId);
}
