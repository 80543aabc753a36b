package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

class OriginOutsideReadModelsTest {

    private final OriginOutsideReadModels provider = new OriginOutsideReadModels(Set.of("member-view", "consent-history"));

    private static EventMessage<?> event() {
        return GenericEventMessage.asEventMessage("payload").andMetaData(Map.of("traceId", "root-7"));
    }

    @Test
    void outside_a_read_models_batch_the_origin_is_axons() {
        EventMessage<?> event = event();
        Map<String, Object> origin = Map.copyOf(provider.correlationDataFor(event));
        assertThat(origin).isEqualTo(Map.copyOf(new MessageOriginProvider().correlationDataFor(event)))
                .containsEntry("traceId", "root-7").containsEntry("correlationId", event.getIdentifier());

        BatchingUnitOfWork<EventMessage<?>> automation = new BatchingUnitOfWork<>(List.of(event));
        automation.resources().put("Processor[retention-automation]/SegmentId", 0);
        Map<String, Object> inAutomation = Map.copyOf(
                automation.executeWithResult(() -> provider.correlationDataFor(event)).getPayload());
        assertThat(inAutomation).as("a processor that sends commands").containsEntry("traceId", "root-7");
    }

    @Test
    void in_a_read_models_batch_there_is_no_origin_and_the_events_metadata_is_not_read() {
        EventMessage<?> event = mock(EventMessage.class);
        when(event.getMetaData()).thenReturn(MetaData.with("traceId", "root-7"));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(event));
        batch.resources().put("Processor[member-view]/SegmentId", 1);

        Object origin = batch.executeWithResult(() -> provider.correlationDataFor(event)).getPayload();

        assertThat(origin).isEqualTo(Map.of());
        verify(event, never()).getMetaData();
    }
}
