package ledger.api.infrastructure.axon;

import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import ledger.core.member.ConsentGiven;
import ledger.core.member.MemberId;

/**
 * The purposes a member consented to before one of its events, read from the event store: only the
 * consent events are deserialized (they hold no personal data), so it works for an erased member too.
 */
@Component
public class EventStoreMemberPurposes {

    private final EventStore events;

    EventStoreMemberPurposes(@Lazy EventStore events) {
        this.events = events;
    }

    public Set<String> consentedBefore(MemberId member, long sequence) {
        Set<String> purposes = new TreeSet<>();
        DomainEventStream stream = events.readEvents(member.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() >= sequence) {
                break;
            }
            if (ConsentGiven.class.equals(event.getPayloadType())) {
                purposes.add(((ConsentGiven) event.getPayload()).purpose());
            }
        }
        return purposes;
    }
}
