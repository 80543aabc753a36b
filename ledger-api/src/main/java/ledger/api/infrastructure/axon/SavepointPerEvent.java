package ledger.api.infrastructure.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ledger.api.infrastructure.keyvault.HeldKeyRows;

/**
 * Lets a poison event be dead-lettered without breaking exactly-once. A pooled processor handles
 * a batch in one transaction; Axon's dead-lettering invoker catches a handler's failure and stores
 * the letter in that same transaction. On PostgreSQL a failed statement aborts the transaction, and
 * a handler may have written before it failed, so the letter could neither be stored nor stand
 * beside half an event's writes.
 *
 * <p>Savepoints for every event would cost two round trips per event and read model on the hot
 * path (and in every replay). So they are taken only after a failure: the first failure in a
 * processing group rolls the whole batch back ({@link RetryWithSavepoints}, rethrown by
 * {@link PoisonEventPolicy}), and for {@code window} from then on each event of that group gets a
 * savepoint before its first handler. A handler that fails then rolls back to it, undoing every
 * handler's writes for that event, and the letter is stored in a transaction that is still usable.
 */
final class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final String RESOURCE = SavepointPerEvent.class.getName();

    private final DataSource dataSource;
    private final Set<String> groups;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Instant> carefulUntil = new ConcurrentHashMap<>();

    SavepointPerEvent(DataSource dataSource, Set<String> groups, Duration window, Clock clock) {
        this.dataSource = dataSource;
        this.groups = Set.copyOf(groups);
        this.window = window;
        this.clock = clock;
    }

    /** From now on, for the window, events of this group are handled behind savepoints. */
    void beCareful(String group) {
        carefulUntil.put(group, clock.instant().plus(window));
    }

    boolean careful(String group) {
        Instant until = carefulUntil.get(group);
        return until != null && clock.instant().isBefore(until);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(original.declaringClass(),
                ProcessingGroup.class);
        if (group == null || !groups.contains(group.value())) {
            return original;
        }
        String name = group.value();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                if (!careful(name)) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception failure) {
                        beCareful(name);
                        throw new RetryWithSavepoints(failure);
                    }
                }
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    Savepoint savepoint = savepointFor(name, message.getIdentifier(), connection);
                    try {
                        return super.handle(message, target);
                    } catch (Exception failure) {
                        connection.rollback(savepoint);
                        // the key rows locked since the savepoint are unlocked again
                        HeldKeyRows.forgetAll();
                        throw failure;
                    }
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }
        };
    }

    /**
     * One savepoint per event and group, shared by the group's handlers. Groups that share a
     * processor (the member view and its history) handle an event one after the other in one
     * transaction: each gets a savepoint of its own, taken before its first handler, so a group
     * that fails rolls back only its own writes, never those of a group that already took the event.
     * At the next event the first savepoint of the previous one is released (which releases the
     * later ones with it).
     */
    private Savepoint savepointFor(String group, String eventId, Connection connection) throws SQLException {
        EventSavepoints current = CurrentUnitOfWork.isStarted()
                ? (EventSavepoints) CurrentUnitOfWork.get().resources().get(RESOURCE) : null;
        if (current != null && current.connection() == connection && current.eventId().equals(eventId)) {
            return current.byGroup().computeIfAbsent(group, g -> setSavepoint(connection));
        }
        if (current != null && current.connection() == connection) {
            connection.releaseSavepoint(current.first());
        }
        Savepoint first = connection.setSavepoint();
        EventSavepoints next = new EventSavepoints(eventId, connection, first, new HashMap<>(Map.of(group, first)));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().resources().put(RESOURCE, next);
        }
        return first;
    }

    private static Savepoint setSavepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a savepoint", e);
        }
    }

    private record EventSavepoints(String eventId, Connection connection, Savepoint first,
                                   Map<String, Savepoint> byGroup) {
    }

    /**
     * A handler failed with no savepoint to return to: the batch's transaction may be aborted, so the
     * batch is rolled back and retried with savepoints. Its message names no data.
     */
    static final class RetryWithSavepoints extends RuntimeException {
        RetryWithSavepoints(Throwable cause) {
            super("an event handler failed; the batch is retried with a savepoint per event", cause);
        }
    }
}
