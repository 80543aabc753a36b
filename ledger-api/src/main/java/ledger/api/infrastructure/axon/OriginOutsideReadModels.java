package ledger.api.infrastructure.axon;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Axon's message origin (correlation and trace ids, {@link MessageOriginProvider}), except in a batch of the read
 * models' processors. A read model sends no message (the projections module has no gateway), yet Axon asks the
 * providers for every event such a batch handles (for the handler's result message, which is dropped), and the
 * origin reads the event's metadata, deserializing it: 9 % of the member view's samples in a replay
 * (docs/performance.md). Commands, and the batches of the processors that send commands (request answering,
 * retention), carry their origin as before.
 */
final class OriginOutsideReadModels implements CorrelationDataProvider {

    private final MessageOriginProvider origin = new MessageOriginProvider();
    /** The unit-of-work resource Axon's pooled processor puts into each of its batches ({@code WorkPackage}). */
    private final Set<String> readModelBatches;

    OriginOutsideReadModels(Set<String> readModelProcessors) {
        this.readModelBatches = readModelProcessors.stream().map(name -> "Processor[" + name + "]/SegmentId")
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Object> resources = CurrentUnitOfWork.get().root().resources();
            for (String batch : readModelBatches) {
                if (resources.containsKey(batch)) {
                    return Map.of();
                }
            }
        }
        return origin.correlationDataFor(message);
    }
}
