package ledger.core.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * For fixture tests: a repository that loads an aggregate as the event store does, every event
 * written and read back through the encrypting serializer (the fixture's own store keeps objects
 * and never serializes), so a test sees what the key vault is asked while an aggregate loads. The
 * fixture's check for illegal state changes re-reads the events outside the command: switch it off
 * in tests whose vault cannot be read.
 */
public final class ThroughTheSerializer {

    private ThroughTheSerializer() {
    }

    public static CryptoShreddingSerializer serializer(KeyVault keys) {
        return new CryptoShreddingSerializer(JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .build(), keys);
    }

    public static <T> EventSourcingRepository<T> repository(Class<T> type, EventStore store,
                                                            CryptoShreddingSerializer serializer) {
        Map<String, SerializedObject<byte[]>> storedForm = new ConcurrentHashMap<>();
        return new EventSourcingRepository<>(EventSourcingRepository.builder(type).eventStore(store)) {
            @Override
            protected DomainEventStream readEvents(String aggregateIdentifier) {
                DomainEventStream stored = super.readEvents(aggregateIdentifier);
                return DomainEventStream.of(stored.asStream().map(event -> read(event, storedForm, serializer)),
                        stored::getLastSequenceNumber);
            }
        };
    }

    /** Each event is serialized once, when first read (as if stored then), and deserialized on every read. */
    private static DomainEventMessage<?> read(DomainEventMessage<?> event,
                                              Map<String, SerializedObject<byte[]>> storedForm,
                                              CryptoShreddingSerializer serializer) {
        SerializedObject<byte[]> stored = storedForm.computeIfAbsent(event.getIdentifier(),
                id -> serializer.serialize(event.getPayload(), byte[].class));
        Object payload = serializer.deserialize(stored);
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), payload, event.getMetaData(), event.getIdentifier(), event.getTimestamp());
    }
}
