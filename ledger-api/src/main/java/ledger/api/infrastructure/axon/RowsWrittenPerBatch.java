package ledger.api.infrastructure.axon;

import java.util.Set;
import javax.sql.DataSource;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import ledger.projections.support.BatchedRows;

/**
 * A processor's batch collects the history read models' rows and writes them in one statement per table
 * at its end ({@link BatchedRows}). Not while the processor's groups are careful ({@link SavepointPerEvent}):
 * a poison event is then found event by event behind savepoints, and its rows must go with its savepoint.
 * A write that fails at the end makes the groups careful, so the retried batch finds the event that caused it.
 */
final class RowsWrittenPerBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private final DataSource dataSource;
    private final Set<String> groups;
    private final SavepointPerEvent savepoints;

    RowsWrittenPerBatch(DataSource dataSource, Set<String> groups, SavepointPerEvent savepoints) {
        this.dataSource = dataSource;
        this.groups = Set.copyOf(groups);
        this.savepoints = savepoints;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (TransactionSynchronizationManager.isSynchronizationActive() && !BatchedRows.collecting()
                && groups.stream().noneMatch(savepoints::careful)) {
            BatchedRows.open(dataSource, () -> groups.forEach(savepoints::beCareful));
        }
        return chain.proceed();
    }
}
