package ledger.api.infrastructure.axon;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose reader can be told to fetch now: after another node's commit
 * ({@code CommitSignal}), as Axon itself does after a local one. Its fetch delay is then only a safety net.
 * Every such commit is counted before the reader is woken ({@link EventCommits}, {@link ShortFetches}).
 */
public final class WakeableEventStore extends EmbeddedEventStore {

    private final EventCommits commits;

    WakeableEventStore(Builder builder, EventCommits commits) {
        super(builder);
        this.commits = commits;
    }

    /** The reader fetches now if it waits (Axon's hook after a local commit does exactly this). */
    public void fetchNow() {
        afterCommit(List.of());
    }

    /** After a local commit of events (Axon calls it), or another node's ({@link #fetchNow()}). */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        commits.counted();
        super.afterCommit(events);
    }
}
