package ledger.api.infrastructure.axon;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;

/**
 * The member-view processor passes over an event that both its read models already reflect (the
 * command wrote it, {@link InlineMemberView}): one look per member and batch instead of every
 * handler's fence, claim and no-op insert. What both reflect is read once per member at the first
 * of its events in the batch, before the batch writes anything of that member, so an event the
 * batch itself applies is never mistaken for one already there. An erasure is always handled:
 * its purge must never be skipped.
 */
final class ReflectedEventsSkipped implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE = ReflectedEventsSkipped.class.getName();

    private final JdbcTemplate jdbc;
    /** Whether commands write the member view: otherwise there is nothing to pass over, and no look is made. */
    private final BooleanSupplier commandsWrite;
    private final Looks looks;

    ReflectedEventsSkipped(JdbcTemplate jdbc, BooleanSupplier commandsWrite, Looks looks) {
        this.jdbc = jdbc;
        this.commandsWrite = commandsWrite;
        this.looks = looks;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        // By the payload's type and the aggregate's id: a skipped event is never deserialized (nor its
        // fields decrypted). A replay rebuilds from nothing: there is nothing to look for.
        if (commandsWrite.getAsBoolean() && event instanceof DomainEventMessage<?> domain && mayPassOver(domain)) {
            Map<UUID, Long> reflected = unitOfWork.root().getOrComputeResource(RESOURCE, key -> new HashMap<>());
            // a member's aggregate identifier is its id (MemberId.toString())
            long known = reflected.computeIfAbsent(UUID.fromString(domain.getAggregateIdentifier()),
                    id -> {
                        looks.count.incrementAndGet();
                        return InlineMemberView.reflected(jdbc, id);
                    });
            if (domain.getSequenceNumber() <= known) {
                return null;
            }
        }
        return chain.proceed();
    }

    /**
     * Whether the event is one the read models may already reflect and that may be passed over then: a
     * member's event, not an erasure (its purge must never be skipped), not replayed (a replay rebuilds from
     * nothing). By the payload's type and the aggregate's id: the event is not deserialized.
     */
    static boolean mayPassOver(DomainEventMessage<?> event) {
        return MemberEvent.class.isAssignableFrom(event.getPayloadType())
                && !MemberErased.class.equals(event.getPayloadType()) && !ReplayToken.isReplay(event);
    }

    /** How many times the database was asked what the read models reflect. */
    static final class Looks {
        private final AtomicLong count = new AtomicLong();

        long count() {
            return count.get();
        }
    }
}
