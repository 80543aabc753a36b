package ledger.api.infrastructure.keyvault;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A processor's batch reads the key rows of the members its events belong to in one statement before its first
 * event ({@link JdbcKeyVault#holdAll}), instead of one per member as its handlers first decrypt or fence one: the
 * member view's processor fences every member event, and a replay's batch of 100 events holds ten members.
 * The rows are share-locked for the batch's transaction as each single read would lock them, only earlier.
 */
public final class KeyRowsReadPerBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private final JdbcTemplate jdbc;
    private final String aggregateType;

    /** For the events of aggregates of {@code aggregateType}, whose identifier is the key's subject. */
    public KeyRowsReadPerBatch(JdbcTemplate jdbc, String aggregateType) {
        this.jdbc = jdbc;
        this.aggregateType = aggregateType;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()
                && batch.getMessages().size() > 1) {
            List<UUID> subjects = new ArrayList<>();
            for (var message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> event && aggregateType.equals(event.getType())) {
                    try {
                        subjects.add(UUID.fromString(event.getAggregateIdentifier()));
                    } catch (IllegalArgumentException notAUuid) {
                        // not a member's key: its handler asks for what it needs
                    }
                }
            }
            JdbcKeyVault.holdAll(jdbc, subjects);
        }
        return chain.proceed();
    }
}
