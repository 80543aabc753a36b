package ledger.api.http.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;

/**
 * Reads a member's read model as of every event stored for the member when the read began, so a
 * client reads its own writes although projections run asynchronously. Read models record the
 * last member event (aggregate sequence number) they reflect.
 */
@Component
public class ReadYourWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EventStore events;

    ReadYourWrites(EventStore events) {
        this.events = events;
    }

    public <T> T read(MemberId member, Supplier<Optional<T>> query, ToLongFunction<T> versionOf) {
        long stored = events.lastSequenceNumberFor(member.toString()).orElseThrow(UnknownMember::new);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long pauseMillis = 5;
        while (true) {
            Optional<T> result = query.get();
            if (result.isPresent() && versionOf.applyAsLong(result.get()) >= stored) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                // Events but never a view: the id belongs to another kind of aggregate.
                throw result.isEmpty() ? new UnknownMember() : new ReadModelLagging();
            }
            // the view usually follows within tens of milliseconds: look again soon, then every 10 ms
            LockSupport.parkNanos(Duration.ofMillis(pauseMillis).toNanos());
            pauseMillis = Math.min(10, pauseMillis * 2);
        }
    }

    /** The command is stored; only its read model is late. Answered 503 so the client reads again. */
    static final class ReadModelLagging extends TransientDataAccessResourceException {
        ReadModelLagging() {
            super("the read model has not caught up yet");
        }
    }
}
