package ledger.api.application.reading;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

import ledger.core.member.Member;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;
import ledger.core.shared.StoredAggregates;

/**
 * Reads a member's read model as of every event stored for the member when the read began, so a
 * client reads its own writes although projections run asynchronously. Read models record the
 * last member event (aggregate sequence number) they reflect. Only ids of members are waited for:
 * another aggregate type's id (a contact case) is an unknown member at once.
 */
@Component
public class ReadYourWrites {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String MEMBER = Member.class.getSimpleName();

    private final EventStore events;
    private final StoredAggregates aggregates;

    ReadYourWrites(EventStore events, StoredAggregates aggregates) {
        this.events = events;
        this.aggregates = aggregates;
    }

    public <T> T read(MemberId member, Supplier<Optional<T>> query, ToLongFunction<T> versionOf) {
        long stored = events.lastSequenceNumberFor(member.toString()).orElseThrow(UnknownMember::new);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long pauseMillis = 5;
        boolean memberChecked = false;
        while (true) {
            Optional<T> result = query.get();
            if (result.isPresent() && versionOf.applyAsLong(result.get()) >= stored) {
                return result.get();
            }
            if (!memberChecked) {
                // Only a member's view is worth waiting for; another aggregate type's id never gets one.
                if (!aggregates.typeOf(member.toString()).map(MEMBER::equals).orElse(false)) {
                    throw new UnknownMember();
                }
                memberChecked = true;
            }
            if (System.nanoTime() > deadline) {
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
