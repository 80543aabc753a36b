package ledger.api.infrastructure.axon;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose reader can be told to fetch now: after another node's commit
 * ({@code CommitSignal}), as Axon itself does after a local one. Its fetch delay is then only a safety net.
 */
public final class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** The reader fetches now if it waits (Axon's hook after a local commit does exactly this). */
    public void fetchNow() {
        afterCommit(List.of());
    }
}
