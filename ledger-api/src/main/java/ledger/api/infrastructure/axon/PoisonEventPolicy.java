package ledger.api.infrastructure.axon;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

import ledger.api.infrastructure.database.DatabaseFailures;
import ledger.core.crypto.MasterKeyUnavailable;

/**
 * What a failing projection handler means. A fault of the moment (database unreachable, deadlock,
 * lock timeout, a master key this node lacks) is no poison: the policy throws, the batch rolls back
 * and the processor retries it, as it did before the dead-letter queue. Any other failure rolls the
 * batch back too, until the same event has failed {@code attempts} times: then it is a poison
 * event, dead-lettered, and the processor moves on. (A failure seen without a savepoint,
 * {@link SavepointPerEvent.RetryWithSavepoints}, always means a retry: its transaction may be
 * aborted.) Attempts are counted per event on this node, for the most recent events only.
 *
 * <p>The stored cause is the exception's type and SQLState only. An exception's text can quote
 * the data that failed (a PostgreSQL "Key (username)=(...)" detail, a converter's value), and a
 * dead letter outlives the member's erasure.
 */
final class PoisonEventPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String NO_TEXT = "message withheld: it may quote personal data";
    private static final int REMEMBERED = 1024;

    private final int attempts;
    private final Map<String, Integer> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    PoisonEventPolicy(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("ledger.dead-letters.attempts must be at least 1");
        }
        this.attempts = attempts;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (transientFault(cause)) {
            throw new TransientHandlerFailure(cause);
        }
        String eventId = letter.message().getIdentifier();
        int failed;
        synchronized (failures) {
            // kept once used up: when a later event of the batch rolls the batch (and this letter)
            // back, this event is dead-lettered again at once instead of being tried anew; forgetting
            // it made several poison events in one batch need retries exponential in their number
            failed = failures.merge(eventId, 1, Integer::sum);
        }
        if (cause instanceof SavepointPerEvent.RetryWithSavepoints retry) {
            throw retry;
        }
        if (failed < attempts) {
            throw new SavepointPerEvent.RetryWithSavepoints(cause);
        }
        return Decisions.enqueue(withoutText(cause));
    }

    static boolean transientFault(Throwable failure) {
        if (DatabaseFailures.unavailable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MasterKeyUnavailable) {
                return true;
            }
            // lock_not_available, query_canceled (statement timeout)
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static ThrowableCause withoutText(Throwable cause) {
        String state = null;
        for (Throwable t = cause; t != null && state == null; t = t.getCause() == t ? null : t.getCause()) {
            state = DatabaseFailures.sqlState(t);
        }
        return new ThrowableCause(cause.getClass().getName(),
                state == null ? NO_TEXT : "SQLState " + state + "; " + NO_TEXT);
    }

    /** Rolls the batch back for a retry; carries the fault as its cause, never as its message. */
    static final class TransientHandlerFailure extends RuntimeException {
        TransientHandlerFailure(Throwable cause) {
            super("transient failure in an event handler; the batch is retried", cause);
        }
    }
}
