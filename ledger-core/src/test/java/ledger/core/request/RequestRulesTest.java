package ledger.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;
import ledger.core.request.MemberEventLookup.MemberEventRef;
import ledger.core.request.RequestRefusals.AlreadyExtended;
import ledger.core.request.RequestRefusals.AnswerBeforeReceipt;
import ledger.core.request.RequestRefusals.AnswerUsed;
import ledger.core.request.RequestRefusals.ExtensionTooLate;
import ledger.core.request.RequestRefusals.ExtensionTooLong;
import ledger.core.request.RequestRefusals.IdentityNotVerified;
import ledger.core.request.RequestRefusals.MemberMismatch;
import ledger.core.request.RequestRefusals.ReceivedBeforeRecords;
import ledger.core.request.RequestRefusals.ReceivedInTheFuture;
import ledger.core.request.RequestRefusals.RequestCompletedAlready;
import ledger.core.request.RequestRefusals.RequestRefusedAlready;
import ledger.core.request.RequestRefusals.WrongResult;
import ledger.core.shared.Actor;

/**
 * Data-subject requests (Art. 12): one month, extendable once by up to two months within the first;
 * completed after an identity check by the member event that answered them, or refused.
 */
class RequestRulesTest {

    private static final Actor DPM = new Actor("dpm", "DPM");
    private static final RequestId REQUEST = RequestId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000001"));
    private static final MemberId MEMBER = MemberId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000002"));
    private static final MemberId STRANGER = MemberId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000003"));

    private AggregateTestFixture<DataSubjectRequest> fixture;
    private final Map<Long, MemberEventRef> memberEvents = new HashMap<>();
    private final Map<String, String> stored = new HashMap<>();
    private InMemoryRequestBook book;
    private final ledger.core.crypto.InMemoryKeyVault keys = new ledger.core.crypto.InMemoryKeyVault();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataSubjectRequest.class);
        fixture.registerInjectableResource(ledger.core.shared.RetentionPolicy.defaults());
        book = new InMemoryRequestBook();
        MemberEventLookup lookup = (member, seq) -> member.equals(MEMBER)
                ? Optional.ofNullable(memberEvents.get(seq)) : Optional.empty();
        stored.put(MEMBER.toString(), "Member");
        stored.put(STRANGER.toString(), "ContactCase");
        fixture.registerAnnotatedCommandHandler(new RequestIntake(fixture.getRepository(),
                id -> Optional.ofNullable(stored.get(id)), book));
        fixture.registerAnnotatedCommandHandler(new RequestClosing(fixture.getRepository(), lookup, book));
        fixture.registerAnnotatedCommandHandler(new RequesterShredding(fixture.getRepository(), keys));
    }

    private RequestRecorded recorded(RequestType type, Instant received, Instant due) {
        return new RequestRecorded(REQUEST, MEMBER, type, received, due, DPM, received);
    }

    private RequestRecorded recorded(Instant received, Instant due) {
        return recorded(RequestType.ACCESS, received, due);
    }

    private IdentityVerified verified(Instant at) {
        return new IdentityVerified(REQUEST, MEMBER, VerificationMethod.REGISTERED_EMAIL, DPM, at);
    }

    /** An ACCESS request received three days ago, due in 28, with its requester verified; open in the book. */
    private Instant openVerifiedAccessRequest() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        book.open(REQUEST, MEMBER, RequestType.ACCESS, received);
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received));
        return received;
    }

    private RequestCompleted completed(String type, long seq, Actor by, Instant answeredAt, boolean late,
                                       long daysLate) {
        return new RequestCompleted(REQUEST, MEMBER, type, seq, by, fixture.currentTime(), answeredAt, late, daysLate);
    }

    @Test
    void a_request_is_due_one_calendar_month_after_it_was_received() {
        Instant received = Instant.parse("2026-01-31T10:00:00Z");
        fixture.givenCurrentTime(Instant.parse("2026-02-02T00:00:00Z"));
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS, received, DPM))
                .expectResultMessagePayload(REQUEST)
                .expectEvents(new RequestRecorded(REQUEST, MEMBER, RequestType.ACCESS, received,
                        Instant.parse("2026-02-28T10:00:00Z"), DPM, fixture.currentTime()));
        assertThat(book.openOf(MEMBER)).containsExactly(new RequestBook.OpenRequest(REQUEST, RequestType.ACCESS,
                received));
    }

    @Test
    void a_request_for_a_member_the_ledger_does_not_know_is_refused_as_not_found() {
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MemberId.random(), RequestType.ACCESS,
                        fixture.currentTime().minus(Duration.ofDays(1)), DPM))
                .expectException(UnknownMember.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, STRANGER, RequestType.ACCESS,
                        fixture.currentTime().minus(Duration.ofDays(1)), DPM))
                .expectException(UnknownMember.class)
                .expectNoEvents();
        assertThat(book.openOf(STRANGER)).isEmpty();
    }

    @Test
    void restriction_and_objection_are_requests_answered_by_their_own_events() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.OBJECTION, received, DPM))
                .expectSuccessfulHandlerExecution();
        assertThat(RequestType.RESTRICTION.completedBy("ProcessingRestricted")).isTrue();
        assertThat(RequestType.OBJECTION.completedBy("ObjectionRecorded")).isTrue();
        assertThat(RequestType.OBJECTION.completedBy("ConsentWithdrawn")).isFalse();
        assertThat(RequestType.answers("DocumentDownloaded")).isFalse();
    }

    @Test
    void a_request_cannot_be_received_in_the_future() {
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, MEMBER, RequestType.ACCESS,
                        fixture.currentTime().plus(Duration.ofDays(1)), DPM))
                .expectException(ReceivedInTheFuture.class);
        assertThat(book.openOf(MEMBER)).isEmpty();
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
    void the_identity_check_is_recorded_with_its_method_once() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new VerifyIdentity(REQUEST, VerificationMethod.IDENTITY_DOCUMENT, DPM))
                .expectEvents(new IdentityVerified(REQUEST, MEMBER, VerificationMethod.IDENTITY_DOCUMENT, DPM,
                        fixture.currentTime()));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received))
                .when(new VerifyIdentity(REQUEST, VerificationMethod.IN_PERSON, DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_request_can_be_extended_once_by_up_to_two_months_with_a_reason() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        Instant due = received.plus(Duration.ofDays(31));
        fixture.given(recorded(received, due))
                .when(new ExtendRequest(REQUEST, MEMBER, 2, "complex request", DPM))
                .expectResultMessagePayload(due.atZone(ZoneOffset.UTC).plusMonths(2).toInstant())
                .expectEvents(new RequestExtended(REQUEST, MEMBER, 2,
                        due.atZone(ZoneOffset.UTC).plusMonths(2).toInstant(), "complex request", DPM,
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
    void a_request_cannot_be_extended_in_the_name_of_another_member() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new ExtendRequest(REQUEST, MemberId.random(), 1, "complex request", DPM))
                .expectException(MemberMismatch.class)
                .expectNoEvents();
    }

    @Test
    void completing_links_the_member_event_that_answered_the_request_and_claims_it() {
        Instant answered = fixture.currentTime().minus(Duration.ofHours(1));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", answered));
        openVerifiedAccessRequest();
        fixture.when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectEvents(completed("RegisterExtractIssued", 7, DPM, answered, false, 0));
        assertThat(book.answerOf(MEMBER, 7)).isEqualTo(REQUEST);
        assertThat(book.isOpen(REQUEST)).isFalse();
    }

    @Test
    void a_request_whose_identity_was_not_verified_is_not_completed() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(IdentityNotVerified.class)
                .expectNoEvents();
    }

    @Test
    void completing_with_an_event_that_does_not_answer_the_request_is_refused() {
        memberEvents.put(7L, new MemberEventRef("ProfileEdited", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received))
                .when(new CompleteRequest(REQUEST, "ProfileEdited", 7, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 99, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                // the named type must be the stored event's
                .expectException(WrongResult.class);
    }

    @Test
    void completing_with_an_event_of_another_member_is_refused() {
        // the lookup answers only for the request's member: event 7 of anyone else does not exist for it
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(new RequestRecorded(REQUEST, STRANGER, RequestType.ACCESS, received,
                        received.plus(Duration.ofDays(31)), DPM, received),
                        new IdentityVerified(REQUEST, STRANGER, VerificationMethod.IN_PERSON, DPM, received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
    }

    @Test
    void an_event_recorded_before_the_request_was_received_does_not_answer_it() {
        Instant received = openVerifiedAccessRequest();
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", received.minusSeconds(37)));
        memberEvents.put(8L, new MemberEventRef("RegisterExtractIssued", received));
        fixture.when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(AnswerBeforeReceipt.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 8, DPM))
                .expectException(AnswerBeforeReceipt.class);
    }

    @Test
    void one_event_completes_one_request() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        book.claimAnswer(MEMBER, 7, RequestId.random());
        openVerifiedAccessRequest();
        fixture.when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(AnswerUsed.class)
                .expectNoEvents();
        assertThat(book.isOpen(REQUEST)).isTrue();
    }

    @Test
    void a_request_answered_after_its_deadline_is_completed_late_by_the_days_started() {
        Instant received = Instant.parse("2026-09-01T08:00:00Z");
        Instant due = Instant.parse("2026-10-01T08:00:00Z");
        fixture.givenCurrentTime(Instant.parse("2026-10-20T00:00:00Z"));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", Instant.parse("2026-10-03T08:00:01Z")));
        memberEvents.put(8L, new MemberEventRef("RegisterExtractIssued", due));
        fixture.given(recorded(received, due), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectEvents(completed("RegisterExtractIssued", 7, DPM, Instant.parse("2026-10-03T08:00:01Z"),
                        true, 3));
        fixture.given(recorded(received, due), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 8, DPM))
                // answered at the deadline itself is in time
                .expectEvents(completed("RegisterExtractIssued", 8, DPM, due, false, 0));
    }

    @Test
    void the_answering_event_completes_the_open_request_by_itself() {
        Instant answered = fixture.currentTime().minus(Duration.ofMinutes(1));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", answered));
        openVerifiedAccessRequest();
        fixture.when(new AnswerRequests(MEMBER, 7))
                .expectResultMessagePayload(true)
                .expectEvents(completed("RegisterExtractIssued", 7, Actor.SYSTEM, answered, false, 0));
        assertThat(book.answerOf(MEMBER, 7)).isEqualTo(REQUEST);
    }

    @Test
    void an_answering_event_leaves_requests_it_cannot_complete_open() {
        // not verified; another kind of answer; recorded before the receipt
        for (String answerCase : new String[] {"unverified", "other kind", "before receipt"}) {
            setUp();
            Instant received = fixture.currentTime().minus(Duration.ofDays(3));
            memberEvents.put(6L, new MemberEventRef("ProfileEdited", fixture.currentTime()));
            memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
            memberEvents.put(8L, new MemberEventRef("RegisterExtractIssued", received.minusSeconds(1)));
            book.open(REQUEST, MEMBER, RequestType.ACCESS, received);
            RequestRecorded recorded = recorded(received, received.plus(Duration.ofDays(31)));
            (answerCase.equals("unverified") ? fixture.given(recorded) : fixture.given(recorded, verified(received)))
                    .when(new AnswerRequests(MEMBER, switch (answerCase) {
                        case "unverified" -> 7L;
                        case "other kind" -> 6L;
                        default -> 8L;
                    }))
                    .expectResultMessagePayload(false)
                    .expectNoEvents();
            assertThat(book.isOpen(REQUEST)).as(answerCase).isTrue();
        }
    }

    @Test
    void an_answering_event_that_completed_another_request_completes_nothing_more() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        book.claimAnswer(MEMBER, 7, RequestId.random());
        openVerifiedAccessRequest();
        fixture.when(new AnswerRequests(MEMBER, 7))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        assertThat(book.isOpen(REQUEST)).isTrue();
    }

    @Test
    void a_refusal_records_the_reason_and_whether_it_came_late() {
        Instant received = Instant.parse("2026-09-01T08:00:00Z");
        Instant due = Instant.parse("2026-10-01T08:00:00Z");
        book.open(REQUEST, MEMBER, RequestType.ERASURE, received);
        fixture.givenCurrentTime(Instant.parse("2026-10-02T08:00:00Z"));
        fixture.given(recorded(RequestType.ERASURE, received, due))
                .when(new RefuseRequest(REQUEST, "manifestly unfounded", DPM))
                .expectEvents(new RequestRefused(REQUEST, MEMBER, "manifestly unfounded", true, 1, DPM,
                        fixture.currentTime()));
        assertThat(book.isOpen(REQUEST)).isFalse();
        fixture.givenCurrentTime(Instant.parse("2026-09-30T08:00:00Z"));
        fixture.given(recorded(RequestType.ERASURE, received, due))
                .when(new RefuseRequest(REQUEST, "excessive", DPM))
                .expectEvents(new RequestRefused(REQUEST, MEMBER, "excessive", false, 0, DPM, fixture.currentTime()));
    }

    @Test
    void a_refused_request_is_not_completed_extended_verified_or_refused_again() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        RequestRefused refused = new RequestRefused(REQUEST, MEMBER, "r", false, 0, DPM, received);
        Object[] history = {recorded(received, received.plus(Duration.ofDays(31))), verified(received), refused};
        fixture.given(history).when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(RequestRefusedAlready.class);
        fixture.given(history).when(new ExtendRequest(REQUEST, MEMBER, 1, "r", DPM))
                .expectException(RequestRefusedAlready.class);
        fixture.given(history).when(new VerifyIdentity(REQUEST, VerificationMethod.IN_PERSON, DPM))
                .expectException(RequestRefusedAlready.class);
        fixture.given(history).when(new RefuseRequest(REQUEST, "again", DPM))
                .expectException(RequestRefusedAlready.class);
    }

    @Test
    void a_completed_request_is_not_completed_extended_or_refused_again() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        RequestCompleted done = new RequestCompleted(REQUEST, MEMBER, "RegisterExtractIssued", 7, DPM, received,
                received, false, 0L);
        Object[] history = {recorded(received, received.plus(Duration.ofDays(31))), verified(received), done};
        fixture.given(history).when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(RequestCompletedAlready.class);
        fixture.given(history).when(new ExtendRequest(REQUEST, MEMBER, 1, "r", DPM))
                .expectException(RequestCompletedAlready.class);
        fixture.given(history).when(new RefuseRequest(REQUEST, "r", DPM))
                .expectException(RequestCompletedAlready.class);
        assertThat(RequestType.WITHDRAWAL.completedBy("MembershipEnded")).isTrue();
    }

    @Test
    void a_completion_stored_before_lateness_was_recorded_is_still_read() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(received, received.plus(Duration.ofDays(31))),
                        new RequestCompleted(REQUEST, MEMBER, "RegisterExtractIssued", 7, DPM, received, null, null, null))
                .when(new RefuseRequest(REQUEST, "r", DPM))
                .expectException(RequestCompletedAlready.class);
    }

    private static final Actor PORTAL = new Actor("portal", "PORTAL");

    private VerificationChallengeIssued challenge(String digest, Instant expires) {
        return new VerificationChallengeIssued(REQUEST, MEMBER, digest, expires, DPM, fixture.currentTime());
    }

    @Test
    void the_right_one_time_code_verifies_the_requester() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))),
                        challenge("c0de", fixture.currentTime().plus(Duration.ofMinutes(30))))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(true, 5))
                .expectEvents(new IdentityVerified(REQUEST, MEMBER, VerificationMethod.ONE_TIME_CODE, PORTAL,
                        fixture.currentTime()));
    }

    @Test
    void a_wrong_code_is_recorded_and_the_fifth_locks_the_challenge() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        Instant expires = fixture.currentTime().plus(Duration.ofMinutes(30));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("c0de", expires))
                .when(new AnswerVerificationChallenge(REQUEST, "bad", PORTAL))
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(false, 4))
                .expectEvents(new VerificationChallengeFailed(REQUEST, MEMBER, 1, false, PORTAL, fixture.currentTime()));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("c0de", expires),
                        new VerificationChallengeFailed(REQUEST, MEMBER, 4, false, PORTAL, received))
                .when(new AnswerVerificationChallenge(REQUEST, "bad", PORTAL))
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(false, 0))
                .expectEvents(new VerificationChallengeFailed(REQUEST, MEMBER, 5, true, PORTAL, fixture.currentTime()));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("c0de", expires),
                        new VerificationChallengeFailed(REQUEST, MEMBER, 5, true, PORTAL, received))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectException(RequestRefusals.ChallengeLocked.class)
                .expectNoEvents();
    }

    @Test
    void an_expired_or_missing_challenge_verifies_nothing() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))),
                        challenge("c0de", fixture.currentTime().minusSeconds(1)))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectException(RequestRefusals.ChallengeExpired.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectException(RequestRefusals.NoChallenge.class)
                .expectNoEvents();
    }

    @Test
    void a_new_code_replaces_a_locked_one_and_a_verified_requester_gets_none() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        Instant expires = fixture.currentTime().plus(Duration.ofMinutes(30));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("old", expires),
                        new VerificationChallengeFailed(REQUEST, MEMBER, 5, true, PORTAL, received),
                        challenge("new", expires))
                .when(new AnswerVerificationChallenge(REQUEST, "new", PORTAL))
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(true, 5));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), verified(received))
                .when(new IssueVerificationChallenge(REQUEST, "c0de", expires, DPM))
                .expectException(RequestRefusals.AlreadyVerified.class)
                .expectNoEvents();
    }

    @Test
    void a_request_of_someone_who_is_no_member_is_recorded_with_sealed_contact_data_and_answered_no_data_held() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        RequestRecorded recorded = new RequestRecorded(REQUEST, null, RequestType.ACCESS, received,
                received.plus(Duration.ofDays(31)), DPM, received, "someone@example.org", "Someone");
        fixture.given(recorded)
                .when(new CloseRequestNoDataHeld(REQUEST, DPM))
                .expectEvents(new RequestClosedNoDataHeld(REQUEST, false, 0, DPM, fixture.currentTime()))
                .expectScheduledDeadlineWithName(fixture.currentTime().atZone(java.time.ZoneOffset.UTC).plusYears(3)
                        .toInstant(), DataSubjectRequest.REQUESTER_RETENTION_DEADLINE);
    }

    @Test
    void a_member_s_request_is_never_closed_as_no_data_held() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))))
                .when(new CloseRequestNoDataHeld(REQUEST, DPM))
                .expectException(RequestRefusals.MemberDataHeld.class)
                .expectNoEvents();
    }

    @Test
    void when_the_requester_s_retention_ends_the_data_falls_due_for_shredding() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.given(new RequestRecorded(REQUEST, null, RequestType.ACCESS, received, received.plus(Duration.ofDays(31)),
                        DPM, received, "someone@example.org", null))
                .andGivenCommands(new CloseRequestNoDataHeld(REQUEST, DPM))
                .whenTimeElapses(Duration.ofDays(3 * 366 + 1))
                .expectTriggeredDeadlinesWithName(DataSubjectRequest.REQUESTER_RETENTION_DEADLINE)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof RequesterDataDue),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void a_request_is_linked_to_a_member_once() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        RequestRecorded recorded = new RequestRecorded(REQUEST, null, RequestType.ACCESS, received,
                received.plus(Duration.ofDays(31)), DPM, received, "someone@example.org", null);
        fixture.given(recorded)
                .when(new LinkRequest(REQUEST, MEMBER, DPM))
                .expectEvents(new RequestLinked(REQUEST, MEMBER, DPM, fixture.currentTime()));
        assertThat(book.openOf(MEMBER)).extracting(RequestBook.OpenRequest::requestId).contains(REQUEST);
        fixture.given(recorded, new RequestLinked(REQUEST, MEMBER, DPM, received))
                .when(new LinkRequest(REQUEST, MEMBER, DPM))
                .expectException(RequestRefusals.AlreadyLinked.class);
        fixture.given(recorded)
                .when(new LinkRequest(REQUEST, STRANGER, DPM))
                .expectException(ledger.core.member.MemberRefusals.UnknownMember.class);
    }

    /** A request of someone known by contact data only (no member), due 31 days after its receipt. */
    private RequestRecorded recordedByContactData(Instant received) {
        return new RequestRecorded(REQUEST, null, RequestType.ACCESS, received, received.plus(Duration.ofDays(31)), DPM,
                received, "someone@example.org", "Someone");
    }

    private Instant requesterRetentionEnd() {
        return fixture.currentTime().atZone(ZoneOffset.UTC).plus(ledger.core.shared.RetentionPolicy.REQUESTER_RETENTION)
                .toInstant();
    }

    @Test
    void a_request_of_someone_who_is_no_member_is_recorded_with_their_contact_data_and_not_opened_in_the_book() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.givenNoPriorActivity()
                .when(new RecordRequest(REQUEST, null, RequestType.ERASURE, received, DPM, "someone@example.org",
                        "Someone"))
                .expectResultMessagePayload(REQUEST)
                .expectEvents(new RequestRecorded(REQUEST, null, RequestType.ERASURE, received,
                        received.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(), DPM, fixture.currentTime(),
                        "someone@example.org", "Someone"));
        assertThat(book.isOpen(REQUEST)).isFalse();
    }

    @Test
    void a_receipt_before_1970_is_refused_as_invalid_input_naming_the_field() {
        ledger.core.shared.RefusalDetails details = new ReceivedBeforeRecords().details();
        assertThat(details.kind()).isEqualTo(ledger.core.shared.Refusal.Kind.INVALID);
        assertThat(details.code()).isEqualTo("received-at-out-of-range");
        assertThat(details.field()).isEqualTo("receivedAt");
    }

    @Test
    void every_kind_of_answering_event_answers_some_request() {
        for (String answering : new String[] {"RegisterExtractIssued", "ProfileEdited", "ProfileFieldRemoved",
                "MemberErased", "ConsentWithdrawn", "MembershipEnded", "ProcessingRestricted", "ObjectionRecorded"}) {
            assertThat(RequestType.answers(answering)).as(answering).isTrue();
        }
        assertThat(RequestType.answers("MemberRegistered")).isFalse();
    }

    @Test
    void a_verified_requester_giving_a_code_again_is_told_so_and_nothing_is_recorded() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        Instant expires = fixture.currentTime().plus(Duration.ofMinutes(30));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("c0de", expires),
                        new VerificationChallengeFailed(REQUEST, MEMBER, 2, false, PORTAL, received),
                        verified(received))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(true, 3))
                .expectNoEvents();
    }

    @Test
    void the_right_code_after_wrong_ones_verifies_and_answers_the_attempts_that_were_left() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        Instant expires = fixture.currentTime().plus(Duration.ofMinutes(30));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))), challenge("c0de", expires),
                        new VerificationChallengeFailed(REQUEST, MEMBER, 2, false, PORTAL, received))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectResultMessagePayload(new AnswerVerificationChallenge.Outcome(true, 3))
                .expectEvents(new IdentityVerified(REQUEST, MEMBER, VerificationMethod.ONE_TIME_CODE, PORTAL,
                        fixture.currentTime()));
    }

    @Test
    void a_code_is_issued_only_for_an_open_request_of_a_member() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        Instant expires = fixture.currentTime().plus(Duration.ofMinutes(30));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))))
                .when(new IssueVerificationChallenge(REQUEST, "c0de", expires, DPM))
                .expectEvents(new VerificationChallengeIssued(REQUEST, MEMBER, "c0de", expires, DPM,
                        fixture.currentTime()));
        fixture.given(recordedByContactData(received))
                .when(new IssueVerificationChallenge(REQUEST, "c0de", expires, DPM))
                .expectException(RequestRefusals.NoMemberToChallenge.class)
                .expectNoEvents();
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))),
                        new RequestRefused(REQUEST, MEMBER, "r", false, 0, DPM, received))
                .when(new IssueVerificationChallenge(REQUEST, "c0de", expires, DPM))
                .expectException(RequestRefusedAlready.class)
                .expectNoEvents();
    }

    @Test
    void a_refused_request_takes_no_code() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        fixture.given(recorded(received, received.plus(Duration.ofDays(30))),
                        new RequestRefused(REQUEST, MEMBER, "r", false, 0, DPM, received))
                .when(new AnswerVerificationChallenge(REQUEST, "c0de", PORTAL))
                .expectException(RequestRefusedAlready.class)
                .expectNoEvents();
    }

    @Test
    void a_request_answered_no_data_held_after_its_deadline_is_closed_late_by_the_days_started() {
        Instant received = Instant.parse("2026-09-01T08:00:00Z");
        Instant due = Instant.parse("2026-10-01T08:00:00Z");
        fixture.givenCurrentTime(Instant.parse("2026-10-03T08:00:01Z"));
        fixture.given(new RequestRecorded(REQUEST, null, RequestType.ACCESS, received, due, DPM, received,
                        "someone@example.org", null))
                .when(new CloseRequestNoDataHeld(REQUEST, DPM))
                .expectResultMessagePayload(3L)
                .expectEvents(new RequestClosedNoDataHeld(REQUEST, true, 3, DPM, fixture.currentTime()));
    }

    @Test
    void a_request_answered_no_data_held_is_neither_closed_again_nor_linked() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(1));
        RequestClosedNoDataHeld closed = new RequestClosedNoDataHeld(REQUEST, false, 0, DPM, received);
        fixture.given(recordedByContactData(received), closed)
                .when(new CloseRequestNoDataHeld(REQUEST, DPM))
                .expectException(RequestCompletedAlready.class)
                .expectNoEvents();
        fixture.given(recordedByContactData(received), closed)
                .when(new LinkRequest(REQUEST, MEMBER, DPM))
                .expectException(RequestCompletedAlready.class)
                .expectNoEvents();
        assertThat(book.isOpen(REQUEST)).isFalse();
    }

    @Test
    void a_refusal_answers_the_days_started_past_the_deadline() {
        Instant received = Instant.parse("2026-09-01T08:00:00Z");
        Instant due = Instant.parse("2026-10-01T08:00:00Z");
        fixture.givenCurrentTime(Instant.parse("2026-10-03T08:00:01Z"));
        fixture.given(recorded(RequestType.ERASURE, received, due))
                .when(new RefuseRequest(REQUEST, "manifestly unfounded", DPM))
                .expectResultMessagePayload(3L)
                .expectEvents(new RequestRefused(REQUEST, MEMBER, "manifestly unfounded", true, 3, DPM,
                        fixture.currentTime()));
    }

    @Test
    void completing_a_request_that_names_no_member_is_refused_as_a_wrong_result() {
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recordedByContactData(received), verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
        assertThat(book.answered(MEMBER, 7)).isFalse();
    }

    @Test
    void the_named_event_type_must_be_the_stored_event_s_even_when_both_answer_the_request() {
        memberEvents.put(7L, new MemberEventRef("ConsentWithdrawn", fixture.currentTime()));
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recorded(RequestType.WITHDRAWAL, received, received.plus(Duration.ofDays(31))),
                        verified(received))
                .when(new CompleteRequest(REQUEST, "MembershipEnded", 7, DPM))
                .expectException(WrongResult.class)
                .expectNoEvents();
        assertThat(book.answered(MEMBER, 7)).isFalse();
    }

    @Test
    void an_answering_event_passes_over_the_member_s_open_requests_of_other_kinds() {
        RequestId rectification = RequestId.of(UUID.fromString("0d5a0000-0000-0000-0000-000000000009"));
        Instant answered = fixture.currentTime().minus(Duration.ofMinutes(1));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", answered));
        Instant received = openVerifiedAccessRequest();
        // older, so the book lists it first; only the ACCESS request is loaded and completed
        book.open(rectification, MEMBER, RequestType.RECTIFICATION, received.minus(Duration.ofDays(1)));
        fixture.when(new AnswerRequests(MEMBER, 7))
                .expectResultMessagePayload(true)
                .expectEvents(completed("RegisterExtractIssued", 7, Actor.SYSTEM, answered, false, 0));
        assertThat(book.isOpen(rectification)).isTrue();
        assertThat(book.answerOf(MEMBER, 7)).isEqualTo(REQUEST);
    }

    @Test
    void completing_a_linked_request_schedules_the_shredding_of_its_requester_s_contact_data() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        Instant answered = fixture.currentTime().minus(Duration.ofHours(1));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", answered));
        fixture.given(recordedByContactData(received), new RequestLinked(REQUEST, MEMBER, DPM, received),
                        verified(received))
                .when(new CompleteRequest(REQUEST, "RegisterExtractIssued", 7, DPM))
                .expectEvents(completed("RegisterExtractIssued", 7, DPM, answered, false, 0))
                .expectScheduledDeadlineWithName(requesterRetentionEnd(),
                        DataSubjectRequest.REQUESTER_RETENTION_DEADLINE);
    }

    @Test
    void the_answering_event_completing_a_linked_request_schedules_the_shredding_of_its_contact_data() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        Instant answered = fixture.currentTime().minus(Duration.ofHours(1));
        memberEvents.put(7L, new MemberEventRef("RegisterExtractIssued", answered));
        book.open(REQUEST, MEMBER, RequestType.ACCESS, received);
        fixture.given(recordedByContactData(received), new RequestLinked(REQUEST, MEMBER, DPM, received),
                        verified(received))
                .when(new AnswerRequests(MEMBER, 7))
                .expectResultMessagePayload(true)
                .expectEvents(completed("RegisterExtractIssued", 7, Actor.SYSTEM, answered, false, 0))
                .expectScheduledDeadlineWithName(requesterRetentionEnd(),
                        DataSubjectRequest.REQUESTER_RETENTION_DEADLINE);
    }

    @Test
    void refusing_a_request_of_someone_known_by_contact_data_schedules_the_shredding_of_that_data() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        fixture.given(recordedByContactData(received))
                .when(new RefuseRequest(REQUEST, "excessive", DPM))
                .expectResultMessagePayload(0L)
                .expectEvents(new RequestRefused(REQUEST, null, "excessive", false, 0, DPM, fixture.currentTime()))
                .expectScheduledDeadlineWithName(requesterRetentionEnd(),
                        DataSubjectRequest.REQUESTER_RETENTION_DEADLINE);
    }

    @Test
    void shredding_a_requester_s_data_shreds_the_request_s_key_and_records_it_once() {
        Instant received = fixture.currentTime().minus(Duration.ofDays(3));
        RequestClosedNoDataHeld closed = new RequestClosedNoDataHeld(REQUEST, false, 0, DPM, received);
        RequesterDataDue due = new RequesterDataDue(REQUEST, Actor.SYSTEM, received);
        fixture.given(recordedByContactData(received), closed, due)
                .when(new ShredRequesterData(REQUEST, Actor.SYSTEM))
                .expectEvents(new RequesterDataShredded(REQUEST, Actor.SYSTEM, fixture.currentTime()));
        assertThat(keys.isShredded(REQUEST.value())).isTrue();
        fixture.given(recordedByContactData(received), closed, due,
                        new RequesterDataShredded(REQUEST, Actor.SYSTEM, received))
                .when(new ShredRequesterData(REQUEST, Actor.SYSTEM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
