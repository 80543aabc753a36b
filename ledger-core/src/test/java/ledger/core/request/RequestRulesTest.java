package ledger.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.request.RequestRefusals.AlreadyExtended;
import ledger.core.request.RequestRefusals.ExtensionTooLate;
import ledger.core.request.RequestRefusals.ExtensionTooLong;
import ledger.core.request.RequestRefusals.MemberMismatch;
import ledger.core.request.RequestRefusals.ReceivedBeforeRecords;
import ledger.core.request.RequestRefusals.ReceivedInTheFuture;
import ledger.core.request.RequestRefusals.RequestCompletedAlready;
import ledger.core.request.RequestRefusals.WrongResult;
import ledger.core.shared.Actor;

/** Data-subject requests: one month, extendable once by up to two months within the first. */
class RequestRulesTest {

    private static final Actor DPM = new Actor("dpm", "DPM");
    private static final RequestId REQUEST = RequestId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000001"));
    private static final MemberId MEMBER = MemberId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000002"));

    private AggregateTestFixture<DataSubjectRequest> fixture;
    private final Map<Long, String> memberEvents = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataSubjectRequest.class);
        MemberEventLookup lookup = (member, seq) -> member.equals(MEMBER)
                ? Optional.ofNullable(memberEvents.get(seq)) : Optional.empty();
        fixture.registerAnnotatedCommandHandler(new RequestCompletion(fixture.getRepository(), lookup));
    }

    private RequestRecorded recorded(Instant received, Instant due) {
        return new RequestRecorded(REQUEST, MEMBER, RequestType.ACCESS, received, due, DPM, received);
    }

    @Test
    void a_request_is_due_one_calendar_month_after_it_was_received() {
        Instant received = Instant.parse("2026-01-31T10:00:00Z");
        fixture.givenCurrentTime(Instant.parse("2026-02-02T00:00:00Z"));
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS, received, DPM))
                .expectEvents(new RequestRecorded(REQUEST, MEMBER, RequestType.ACCESS, received,
                        Instant.parse("2026-02-28T10:00:00Z"), DPM, fixture.currentTime()));
    }

    @Test
    void a_request_cannot_be_received_in_the_future() {
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS,
                        fixture.currentTime().plus(Duration.ofDays(1)), DPM))
                .expectException(ReceivedInTheFuture.class);
    }

    @Test
    void a_request_cannot_be_received_before_1970_so_its_event_stays_storable_and_projectable() {
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS, Instant.MIN, DPM))
                .expectException(ReceivedBeforeRecords.class);
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS, Instant.EPOCH.minusSeconds(1), DPM))
                .expectException(ReceivedBeforeRecords.class);
    }

    @Test
    void a_request_can_be_extended_once_by_up_to_two_months_with_a_reason() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        Instant due = received.plus(Duration.ofDays(31));
        fixture.given(recorded(received, due))
                .when(new ExtendRequest(REQUEST, MEMBER, 2, "complex request", DPM))
                .expectResultMessagePayload(due.atZone(java.time.ZoneOffset.UTC).plusMonths(2).toInstant())
                .expectEvents(new RequestExtended(REQUEST, MEMBER, 2,
                        due.atZone(java.time.ZoneOffset.UTC).plusMonths(2).toInstant(), "complex request", DPM,
                        fixture.currentTime()));
    }

    @Test
    void a_second_extension_is_refused() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        Instant due = received.plus(Duration.ofDays(31));
        fixture.given(recorded(received, due),
                        new RequestExtended(REQUEST, MEMBER, 1, due.plus(Duration.ofDays(30)), "r", DPM, received))
                .when(new ExtendRequest(REQUEST, MEMBER, 1, "again", DPM))
                .expectException(AlreadyExtended.class)
                .expectNoEvents();
    }

    @Test
    void an_extension_of_more_than_two_months_is_refused() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new ExtendRequest(REQUEST, MEMBER, 3, "long", DPM))
                .expectException(ExtensionTooLong.class)
                .expectNoEvents();
    }

    @Test
    void an_extension_after_the_first_month_is_refused() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(40));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new ExtendRequest(REQUEST, MEMBER, 1, "late", DPM))
                .expectException(ExtensionTooLate.class)
                .expectNoEvents();
    }

    @Test
    void completing_links_the_member_event_that_answered_the_request() {
        memberEvents.put(7L, "RegisterExtractIssued");
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectEvents(new RequestCompleted(REQUEST, MEMBER, "RegisterExtractIssued", 7, DPM,
                        fixture.currentTime()));
    }

    @Test
    void completing_with_an_event_that_does_not_answer_the_request_is_refused() {
        memberEvents.put(7L, "ProfileEdited");
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new CompleteRequest(REQUEST, "ProfileEdited", 7, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 99, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
    }

    @Test
    void a_completed_request_is_not_completed_or_extended_again() {
        memberEvents.put(7L, "RegisterExtractIssued");
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        RequestCompleted done = new RequestCompleted(REQUEST, MEMBER, "RegisterExtractIssued", 7, DPM, received);
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), done)
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(RequestCompletedAlready.class);
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), done)
                .when(new ExtendRequest(REQUEST, MEMBER, 1, "r", DPM))
                .expectException(RequestCompletedAlready.class);
        assertThat(RequestType.WITHDRAWAL.completedBy("MembershipEnded")).isTrue();
    }

    @Test
    void a_request_cannot_be_extended_in_the_name_of_another_member() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new ExtendRequest(REQUEST, MemberId.random(), 1, "complex request", DPM))
                .expectException(MemberMismatch.class)
                .expectNoEvents();
    }
}
