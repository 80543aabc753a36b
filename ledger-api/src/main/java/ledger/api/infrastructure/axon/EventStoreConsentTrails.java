package ledger.api.infrastructure.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.Member;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;

/**
 * A member's consent trail straight from the event store, from the first event on (never from a
 * snapshot): the stored rows are what the verifiable log covers. Only consent events and the
 * erasure are deserialized (they hold no personal data, so no key is needed); every other event is
 * skipped by its payload type.
 */
@Component
class EventStoreConsentTrails implements ConsentTrails {

    private static final Set<Class<?>> CONSENT_EVENTS = Set.of(ConsentGiven.class, ConsentWithdrawn.class,
            MemberErased.class);
    private static final String MEMBER = Member.class.getSimpleName();

    private final EventStore events;

    EventStoreConsentTrails(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public ConsentTrail of(MemberId member) {
        DomainEventStream stream = events.readEvents(member.toString(), 0);
        if (!stream.hasNext() || !MEMBER.equals(stream.peek().getType())) {
            throw new UnknownMember();
        }
        List<ConsentTrail.Entry> entries = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (CONSENT_EVENTS.contains(event.getPayloadType())) {
                entries.add(new ConsentTrail.Entry(event.getIdentifier(), event.getSequenceNumber(),
                        (MemberEvent) event.getPayload()));
            }
        }
        return new ConsentTrail(entries);
    }
}
