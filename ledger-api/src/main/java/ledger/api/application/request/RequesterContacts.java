package ledger.api.application.request;

import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import ledger.core.request.RequestId;
import ledger.core.request.RequestRecorded;

/**
 * The contact data of a requester who is no member, for the DPM who answers them: read from the
 * request's first event, decrypted under the request's own key; after the key was shredded the fields
 * read as erased. Never copied into a read model.
 */
@Component
public class RequesterContacts {

    /** A requester's e-mail address and name (either may read "[erased]" after the retention ended). */
    public record Contact(String email, String name) {
    }

    private final EventStore events;

    RequesterContacts(EventStore events) {
        this.events = events;
    }

    public Optional<Contact> of(RequestId request) {
        try (var stream = events.readEvents(request.toString()).asStream()) {
            return stream.findFirst().map(DomainEventMessage::getPayload)
                    .filter(RequestRecorded.class::isInstance).map(RequestRecorded.class::cast)
                    .filter(recorded -> recorded.requesterEmail() != null)
                    .map(recorded -> new Contact(recorded.requesterEmail(), recorded.requesterName()));
        }
    }
}
