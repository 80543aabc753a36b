package ledger.api.infrastructure.axon;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import ledger.core.member.Member;
import ledger.core.member.MemberId;
import ledger.core.request.MemberEventLookup;

/** Reads the type and time of one member event from the event store (no payload is deserialized). */
@Component
class EventStoreMemberEvents implements MemberEventLookup {

    private static final String MEMBER = Member.class.getSimpleName();

    private final EventStore events;

    EventStoreMemberEvents(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public Optional<MemberEventRef> find(MemberId member, long sequence) {
        if (sequence < 0) {
            return Optional.empty();
        }
        DomainEventStream stream = events.readEvents(member.toString(), sequence);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = stream.peek();
        if (event.getSequenceNumber() != sequence || !MEMBER.equals(event.getType())) {
            return Optional.empty();
        }
        return Optional.of(new MemberEventRef(event.getPayloadType().getSimpleName(), event.getTimestamp()));
    }
}
