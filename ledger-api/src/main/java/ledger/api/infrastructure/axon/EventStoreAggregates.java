package ledger.api.infrastructure.axon;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import ledger.core.shared.StoredAggregates;

/** The aggregate type of an id, from its first stored event (the type column; no payload is deserialized). */
@Component
class EventStoreAggregates implements StoredAggregates {

    private final EventStore events;

    EventStoreAggregates(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<String> typeOf(String aggregateId) {
        DomainEventStream stream = events.readEvents(aggregateId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.peek();
        return Optional.ofNullable(first.getType());
    }
}
