package ledger.api.infrastructure.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ledger.api.infrastructure.keyvault.HeldKeyRows;
import ledger.core.member.MemberEvent;
import ledger.projections.member.MemberViewProjection;

/**
 * The member view and its history written in the command's own transaction, from the events the
 * command just appended (Axon hands them to the event store's subscribers after the append, before
 * the commit). A read after a write finds the view at once; the view commits or rolls back with the
 * events. The handlers are the member-view processor's own (the view's and the history's, as Axon
 * built them), with their claims and shred fence: the processor still takes every event (replays,
 * and whatever a command could not write here) and finds it claimed.
 *
 * <p>Only what follows on from what both read models reflect is written here: the event must be the
 * next of its member for the view and for the history alike. Otherwise (a replay under way, an
 * event of the member waiting in a dead-letter queue, a view written before this existed) the
 * event is left to the tracking processor, which takes a member's events in order. A handler that
 * fails here is rolled back to a savepoint and the event left to the processor too (where its
 * dead-letter policy decides): the command still commits. The key row the command holds makes the
 * fence free (see {@code HeldKeyRows}).
 */
final class InlineMemberView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InlineMemberView.class);

    /** The last event of the member that each read model reflects (null: none). */
    private static final String REFLECTED = "SELECT (SELECT version FROM member_view WHERE member_id = ?),"
            + " (SELECT max(seq) FROM member_history WHERE member_id = ?)";

    private final Supplier<List<EventMessageHandler>> handlers;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Registration subscription;
    private final Switch enabled;

    /**
     * {@code ledger.read-models.inline}, a switch at run time too (tests turn it on in the shared context);
     * a bean of its own, so the processor's interceptor can read it before the event store exists.
     */
    static final class Switch {
        private volatile boolean on;

        Switch(boolean on) {
            this.on = on;
        }

        boolean on() {
            return on;
        }
    }

    InlineMemberView(EventStore events, EventProcessingConfiguration processing, DataSource dataSource,
                     Switch enabled) {
        this.enabled = enabled;
        // the processor's own handlers (every group it runs, as Axon built them), looked up once it exists
        this.handlers = SingletonSupplier.of(() -> handlersOf(processing.eventProcessor(MemberViewProjection.NAME)
                .orElseThrow(() -> new IllegalStateException("no member-view processor"))));
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.subscription = events.subscribe(this::appended);
    }

    private static List<EventMessageHandler> handlersOf(EventProcessor processor) {
        if (!(processor instanceof AbstractEventProcessor abstractProcessor)) {
            throw new IllegalStateException("the member-view processor exposes no handlers: " + processor);
        }
        List<EventMessageHandler> found = new ArrayList<>();
        collect(abstractProcessor.eventHandlerInvoker(), found);
        return List.copyOf(found);
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> found) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, found));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            found.addAll(simple.eventHandlers());
        } else {
            throw new IllegalStateException("unexpected handler invoker " + invoker.getClass().getName());
        }
    }

    /** Called by the event store after it appended a unit of work's events, inside its transaction. */
    void appended(List<? extends EventMessage<?>> events) {
        if (!enabled.on() || !TransactionSynchronizationManager.isActualTransactionActive()) {
            // no transaction to commit with: the processor takes them
            return;
        }
        Map<UUID, List<DomainEventMessage<?>>> byMember = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof MemberEvent member) {
                byMember.computeIfAbsent(member.memberId().value(), m -> new ArrayList<>()).add(domain);
            }
        }
        byMember.forEach(this::write);
    }

    private void write(UUID member, List<DomainEventMessage<?>> events) {
        long next = reflected(jdbc, member) + 1;
        for (DomainEventMessage<?> event : events) {
            if (event.getSequenceNumber() != next || !handled(event)) {
                return;
            }
            next++;
        }
    }

    /**
     * The member's last event that the member view and its history both reflect: -1 when neither
     * holds the member, -2 when they disagree (one of them waits for an event, e.g. in a dead-letter
     * queue), so that nothing follows on from it.
     */
    static long reflected(JdbcTemplate jdbc, UUID member) {
        return jdbc.queryForObject(REFLECTED, (row, i) -> {
            long view = row.getLong(1);
            boolean noView = row.wasNull();
            long history = row.getLong(2);
            boolean noHistory = row.wasNull();
            if (noView && noHistory) {
                return -1L;
            }
            return noView == noHistory && view == history ? view : -2L;
        }, member, member);
    }

    /** Every handler of the processor takes the event, or none does. */
    private boolean handled(DomainEventMessage<?> event) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                for (EventMessageHandler handler : handlers.get()) {
                    if (handler.canHandle(event)) {
                        handler.handle(event);
                    }
                }
                return true;
            } catch (Exception failure) {
                connection.rollback(savepoint);
                // key rows locked after the savepoint are unlocked again
                HeldKeyRows.forgetAll();
                // the type and the exception's class only: the message could carry personal data
                log.warn("the member view could not take a {} in its command's transaction ({}); the member-view"
                        + " processor takes it", event.getPayloadType().getSimpleName(), failure.getClass().getName());
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set or roll back to a savepoint", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    void enabled(boolean on) {
        enabled.on = on;
    }

    boolean enabled() {
        return enabled.on();
    }

    @Override
    public void close() {
        subscription.cancel();
    }
}
