package ledger.projections.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.request.CountOverdueRequests;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.FindRequests;
import ledger.core.request.IdentityVerified;
import ledger.core.request.RequestCompleted;
import ledger.core.request.RequestExtended;
import ledger.core.request.RequestFilter;
import ledger.core.request.RequestId;
import ledger.core.request.RequestRecorded;
import ledger.core.request.RequestRefused;
import ledger.core.request.RequestType;
import ledger.core.request.VerificationMethod;
import ledger.projections.support.ProjectionTest;

class RequestProjectionTest extends ProjectionTest {

    @Autowired
    RequestProjection projection;

    private RequestId recorded(MemberId member, RequestType type, long receivedSecond, Instant dueAt) {
        RequestId id = RequestId.random();
        batch(() -> projection.on(new RequestRecorded(id, member, type, at(receivedSecond), dueAt, PORTAL,
                at(receivedSecond)), 0));
        return id;
    }

    private RequestRow row(RequestId id) {
        return projection.handle(new FindRequest(id)).orElseThrow();
    }

    /** Far in the future, so that no other test's requests sort before these in the open list. */
    private static Instant future(long days) {
        return Instant.parse("2999-01-01T00:00:00Z").plusSeconds(days * 86_400);
    }

    private static List<UUID> ids(List<RequestRow> rows) {
        return rows.stream().map(RequestRow::requestId).toList();
    }

    private List<UUID> list(RequestFilter filter, Instant now, int limit) {
        return ids(projection.handle(new FindRequests(filter, now, limit)).entries());
    }

    private static RequestCompleted completed(RequestId id, MemberId member, String type, long seq, Instant at) {
        return new RequestCompleted(id, member, type, seq, DPM, at, at, false, 0L);
    }

    @Test
    void a_recorded_request_is_open_with_its_deadline() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));

        assertThat(row(id)).isEqualTo(new RequestRow(id.value(), member.value(), "ACCESS", at(1), at(100), false,
                null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void a_request_recorded_again_keeps_its_first_record() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));
        batch(() -> projection.on(new RequestRecorded(id, member, RequestType.ERASURE, at(2), at(200), PORTAL,
                at(2)), 0));

        assertThat(row(id).type()).isEqualTo("ACCESS");
        assertThat(row(id).dueAt()).isEqualTo(at(100));
        assertThat(projection.handle(new FindRequestHistory(id)).entries()).hasSize(1);
    }

    @Test
    void an_extension_moves_the_deadline_and_marks_the_request_extended() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.RECTIFICATION, 1, at(100));
        batch(() -> projection.on(new RequestExtended(id, member, 2, at(500), "complex", DPM, at(50)), 1));

        assertThat(row(id).dueAt()).isEqualTo(at(500));
        assertThat(row(id).extended()).isTrue();
        assertThat(row(id).completedAt()).isNull();
    }

    @Test
    void the_identity_check_is_shown_with_its_method() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.OBJECTION, 1, at(100));
        batch(() -> projection.on(new IdentityVerified(id, member, VerificationMethod.IN_PERSON, DPM, at(5)), 1));

        assertThat(row(id).verifiedAt()).isEqualTo(at(5));
        assertThat(row(id).verificationMethod()).isEqualTo("IN_PERSON");
    }

    @Test
    void completion_records_when_by_which_member_event_and_whether_it_came_late() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ERASURE, 1, at(100));
        batch(() -> projection.on(new RequestCompleted(id, member, "MemberErased", 7, DPM, at(90_000), at(86_500),
                true, 1L), 1));

        RequestRow row = row(id);
        assertThat(row.completedAt()).isEqualTo(at(90_000));
        assertThat(row.answeredAt()).isEqualTo(at(86_500));
        assertThat(row.resultType()).isEqualTo("MemberErased");
        assertThat(row.resultSeq()).isEqualTo(7L);
        assertThat(row.late()).isTrue();
        assertThat(row.daysLate()).isEqualTo(1L);
        assertThat(row.closedByRole()).isEqualTo("DPM");
        assertThat(row.extended()).isFalse();
    }

    @Test
    void a_completion_stored_before_lateness_was_recorded_shows_it_unknown() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));
        batch(() -> projection.on(new RequestCompleted(id, member, "RegisterExtractIssued", 3, DPM, at(60), null,
                null, null), 1));

        assertThat(row(id).completedAt()).isEqualTo(at(60));
        assertThat(row(id).late()).isNull();
        assertThat(row(id).answeredAt()).isNull();
    }

    @Test
    void a_refusal_closes_the_request_with_its_lateness() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, future(1));
        batch(() -> projection.on(new RequestRefused(id, member, "excessive", true, 2, DPM, future(3)), 1));

        assertThat(row(id).refusedAt()).isEqualTo(future(3));
        assertThat(row(id).late()).isTrue();
        assertThat(row(id).daysLate()).isEqualTo(2L);
        assertThat(list(RequestFilter.REFUSED, future(0), 100_000)).contains(id.value());
        assertThat(list(RequestFilter.OPEN, future(0), 100_000)).doesNotContain(id.value());
        assertThat(list(RequestFilter.OVERDUE, future(10), 100_000)).doesNotContain(id.value());
    }

    @Test
    void the_trail_lists_every_event_of_the_request_in_order_with_reasons_masked() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));
        batch(() -> {
            projection.on(new IdentityVerified(id, member, VerificationMethod.REGISTERED_EMAIL, DPM, at(2)), 1);
            projection.on(new RequestExtended(id, member, 1, at(200), "many documents", DPM, at(3)), 2);
            projection.on(new RequestRefused(id, member, "unfounded", false, 0, DPM, at(4)), 3);
        });

        List<RequestEventRow> trail = projection.handle(new FindRequestHistory(id)).entries();
        assertThat(trail).extracting(RequestEventRow::type).containsExactly("RequestRecorded", "IdentityVerified",
                "RequestExtended", "RequestRefused");
        assertThat(trail).extracting(RequestEventRow::seq).containsExactly(0L, 1L, 2L, 3L);
        assertThat(trail.get(1).details()).contains("REGISTERED_EMAIL");
        assertThat(trail.get(2).details()).contains("\"reason\":\"***\"").doesNotContain("many documents");
        assertThat(trail.get(3).actorRole()).isEqualTo("DPM");

        batch(() -> projection.on(new MemberErased(member, ErasureGround.MEMBER_REQUEST, DPM, at(5))));
        assertThat(projection.handle(new FindRequestHistory(id)).entries().get(2).details())
                .contains("\"reason\":\"[erased]\"");
    }

    @Test
    void an_unknown_request_is_not_found() {
        assertThat(projection.handle(new FindRequest(RequestId.random()))).isEmpty();
        assertThat(projection.handle(new FindRequestHistory(RequestId.random())).entries()).isEmpty();
    }

    @Test
    void open_due_soon_overdue_and_completed_requests_are_listed_each_in_their_order() {
        MemberId member = MemberId.random();
        RequestId later = recorded(member, RequestType.ACCESS, 1, future(30));
        RequestId sooner = recorded(member, RequestType.ACCESS, 2, future(1));
        RequestId middle = recorded(member, RequestType.ACCESS, 3, future(2));
        RequestId done = recorded(member, RequestType.ACCESS, 4, future(1));
        RequestId doneLast = recorded(member, RequestType.ACCESS, 5, future(1));
        batch(() -> {
            projection.on(completed(done, member, "RegisterExtractIssued", 3, future(5)), 1);
            projection.on(completed(doneLast, member, "RegisterExtractIssued", 4, future(6)), 1);
        });

        List<UUID> overdue = ids(projection.handle(new FindRequests(RequestFilter.OVERDUE, future(2).plusSeconds(1),
                100_000)).entries());
        assertThat(overdue).containsSubsequence(sooner.value(), middle.value())
                .doesNotContain(later.value(), done.value(), doneLast.value());
        assertThat(list(RequestFilter.OVERDUE, future(2), 100_000))
                .as("due exactly now is not overdue yet").contains(sooner.value()).doesNotContain(middle.value());

        assertThat(list(RequestFilter.DUE_SOON, future(0), 100_000)).as("due within seven days")
                .containsSubsequence(sooner.value(), middle.value()).doesNotContain(later.value(), done.value());
        assertThat(list(RequestFilter.DUE_SOON, future(2), 100_000)).as("overdue is not due soon")
                .contains(middle.value()).doesNotContain(sooner.value());
        assertThat(list(RequestFilter.DUE_SOON, future(23), 100_000)).as("seven days ahead, not including")
                .doesNotContain(later.value());
        assertThat(list(RequestFilter.DUE_SOON, future(23).plusSeconds(1), 100_000)).contains(later.value());

        List<UUID> open = list(RequestFilter.OPEN, future(0), 100_000);
        assertThat(open).containsSubsequence(sooner.value(), middle.value(), later.value())
                .doesNotContain(done.value(), doneLast.value());

        assertThat(list(RequestFilter.COMPLETED, future(0), 2)).containsExactly(doneLast.value(), done.value());
    }

    @Test
    void overdue_requests_are_counted() {
        long before = projection.handle(new CountOverdueRequests(future(400)));
        MemberId member = MemberId.random();
        recorded(member, RequestType.ACCESS, 1, future(399));
        RequestId done = recorded(member, RequestType.ACCESS, 2, future(399));
        recorded(member, RequestType.ACCESS, 3, future(401));
        batch(() -> projection.on(completed(done, member, "RegisterExtractIssued", 3, future(5)), 1));

        assertThat(projection.handle(new CountOverdueRequests(future(400)))).isEqualTo(before + 1);
    }

    @Test
    void lists_stop_at_the_limit() {
        MemberId member = MemberId.random();
        recorded(member, RequestType.ACCESS, 1, at(1));
        recorded(member, RequestType.ACCESS, 2, at(2));

        assertThat(projection.handle(new FindRequests(RequestFilter.OPEN, at(0), 1)).entries()).hasSize(1);
        assertThat(projection.handle(new FindRequests(RequestFilter.OVERDUE, future(10), 1)).entries()).hasSize(1);
    }

    @Test
    void a_reset_empties_the_requests_for_a_rebuild() {
        recorded(MemberId.random(), RequestType.ACCESS, 1, at(100));

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM request_view")).isZero();
        assertThat(count("SELECT count(*) FROM request_view_event")).isZero();
    }
}
