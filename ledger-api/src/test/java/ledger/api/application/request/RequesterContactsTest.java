package ledger.api.application.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.request.RequestId;
import ledger.core.request.RequestRecorded;
import ledger.core.request.RequestType;
import ledger.core.shared.Actor;

class RequesterContactsTest {

    private static final RequestId REQUEST = RequestId.of(UUID.fromString("33333333-3333-3333-3333-333333333333"));
    private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");
    private static final Actor DPM = new Actor("dpm-client", "DPM");

    private final EventStore events = mock(EventStore.class);
    private final RequesterContacts contacts = new RequesterContacts(events);

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Request", REQUEST.toString(), sequence, payload);
    }

    private static RequestRecorded recorded(String email, String name) {
        return new RequestRecorded(REQUEST, null, RequestType.ACCESS, AT, AT.plusSeconds(86_400), DPM, AT, email,
                name);
    }

    @Test
    void a_requester_who_is_no_member_is_read_from_the_first_event_of_the_request() {
        when(events.readEvents(REQUEST.toString())).thenReturn(DomainEventStream.of(
                event(0, recorded("grace@example.org", "Grace Hopper")),
                event(1, recorded("other@example.org", "Someone Else"))));

        assertThat(contacts.of(REQUEST)).contains(new RequesterContacts.Contact("grace@example.org", "Grace Hopper"));
    }

    @Test
    void a_requester_without_a_name_is_answered_with_the_address_alone() {
        when(events.readEvents(REQUEST.toString())).thenReturn(DomainEventStream.of(
                event(0, recorded("grace@example.org", null))));

        assertThat(contacts.of(REQUEST)).contains(new RequesterContacts.Contact("grace@example.org", null));
    }

    @Test
    void a_members_request_carries_no_contact_data() {
        when(events.readEvents(REQUEST.toString())).thenReturn(DomainEventStream.of(event(0,
                new RequestRecorded(REQUEST, MemberId.of(UUID.randomUUID()), RequestType.ACCESS, AT, AT, DPM,
                        AT))));

        assertThat(contacts.of(REQUEST)).isEmpty();
    }

    @Test
    void a_request_whose_first_event_is_no_recording_has_no_contact() {
        when(events.readEvents(REQUEST.toString())).thenReturn(DomainEventStream.of(
                event(0, "something else"), event(1, recorded("grace@example.org", "Grace Hopper"))));

        assertThat(contacts.of(REQUEST)).isEmpty();
    }

    @Test
    void an_unknown_request_has_no_contact() {
        when(events.readEvents(REQUEST.toString())).thenReturn(DomainEventStream.empty());

        assertThat(contacts.of(REQUEST)).isEmpty();
    }
}
