package ledger.api.member;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import ledger.core.member.FindMember;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;
import ledger.projections.member.MemberView;

/**
 * Reads the member view. After a command, waits until the view reflects the member's latest
 * stored event, so a client reads its own write even though projections run asynchronously.
 */
@Component
class MemberViewReader {

    private static final Duration FRESHNESS_TIMEOUT = Duration.ofSeconds(10);

    private final QueryGateway queries;
    private final EventStore events;

    MemberViewReader(QueryGateway queries, EventStore events) {
        this.queries = queries;
        this.events = events;
    }

    /** The view as of every event stored for the member when the call began (read your writes). */
    MemberView current(MemberId id) {
        Optional<Long> stored = events.lastSequenceNumberFor(id.toString());
        if (stored.isEmpty()) {
            throw new UnknownMember();
        }
        return awaitVersion(id, stored.get());
    }

    private MemberView awaitVersion(MemberId id, long stored) {
        long deadline = System.nanoTime() + FRESHNESS_TIMEOUT.toNanos();
        while (true) {
            Optional<MemberView> view = find(id);
            if (view.isPresent() && view.get().version() >= stored) {
                return view.get();
            }
            if (System.nanoTime() > deadline) {
                // Events but never a view: the id belongs to another kind of aggregate.
                throw view.isEmpty() ? new UnknownMember() : new ViewLagging();
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private Optional<MemberView> find(MemberId id) {
        return queries.query(new FindMember(id), ResponseTypes.optionalInstanceOf(MemberView.class)).join();
    }

    /** The command is stored; only its view is late. Answered 503 so the client reads again. */
    static final class ViewLagging extends org.springframework.dao.TransientDataAccessResourceException {
        ViewLagging() {
            super("the member view has not caught up yet");
        }
    }
}
