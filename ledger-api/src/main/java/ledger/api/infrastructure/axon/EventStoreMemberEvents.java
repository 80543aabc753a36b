package ledger.api.infrastructure.axon;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberId;
import ledger.core.request.MemberEventLookup;

/** Reads the type of one member event from the event store (no payload is deserialized). */
@Component
class EventStoreMemberEvents implements MemberEventLookup {

    private final EventStore events;

    EventStoreMemberEvents(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<String> typeOf(MemberId member, long sequence) {
        if (sequence < 0) {
            return Optional.empty();
        }
        DomainEventStream stream = events.readEvents(member.toString(), sequence);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = stream.peek();
        if (event.getSequenceNumber() != sequence) {
            return Optional.empty();
        }
        String type = event.getPayloadType().getSimpleName();
        return Optional.of(type);
    }
}
