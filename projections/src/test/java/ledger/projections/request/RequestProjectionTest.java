package ledger.projections.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.member.MemberId;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequests;
import ledger.core.request.RequestStatus;
import ledger.core.request.RequestCompleted;
import ledger.core.request.RequestExtended;
import ledger.core.request.RequestId;
import ledger.core.request.RequestRecorded;
import ledger.core.request.RequestType;
import ledger.projections.support.ProjectionTest;

class RequestProjectionTest extends ProjectionTest {

    @Autowired
    RequestProjection projection;

    private RequestId recorded(MemberId member, RequestType type, long receivedSecond, Instant dueAt) {
        RequestId id = RequestId.random();
        batch(() -> projection.on(new RequestRecorded(id, member, type, at(receivedSecond), dueAt, PORTAL,
                at(receivedSecond))));
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

    @Test
    void a_recorded_request_is_open_with_its_deadline() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));

        assertThat(row(id)).isEqualTo(new RequestRow(id.value(), member.value(), "ACCESS", at(1), at(100), false,
                null, null, null));
    }

    @Test
    void a_request_recorded_again_keeps_its_first_record() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ACCESS, 1, at(100));
        batch(() -> projection.on(new RequestRecorded(id, member, RequestType.ERASURE, at(2), at(200), PORTAL,
                at(2))));

        assertThat(row(id).type()).isEqualTo("ACCESS");
        assertThat(row(id).dueAt()).isEqualTo(at(100));
    }

    @Test
    void an_extension_moves_the_deadline_and_marks_the_request_extended() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.RECTIFICATION, 1, at(100));
        batch(() -> projection.on(new RequestExtended(id, member, 2, at(500), "complex", DPM, at(50))));

        assertThat(row(id).dueAt()).isEqualTo(at(500));
        assertThat(row(id).extended()).isTrue();
        assertThat(row(id).completedAt()).isNull();
    }

    @Test
    void completion_records_when_and_by_which_member_event_the_request_was_done() {
        MemberId member = MemberId.random();
        RequestId id = recorded(member, RequestType.ERASURE, 1, at(100));
        batch(() -> projection.on(new RequestCompleted(id, member, "MemberErased", 7, DPM, at(60))));

        RequestRow row = row(id);
        assertThat(row.completedAt()).isEqualTo(at(60));
        assertThat(row.resultType()).isEqualTo("MemberErased");
        assertThat(row.resultSeq()).isEqualTo(7L);
        assertThat(row.extended()).isFalse();
    }

    @Test
    void an_unknown_request_is_not_found() {
        assertThat(projection.handle(new FindRequest(RequestId.random()))).isEmpty();
    }

    @Test
    void open_overdue_and_completed_requests_are_listed_each_in_their_order() {
        MemberId member = MemberId.random();
        RequestId later = recorded(member, RequestType.ACCESS, 1, future(3));
        RequestId sooner = recorded(member, RequestType.ACCESS, 2, future(1));
        RequestId middle = recorded(member, RequestType.ACCESS, 3, future(2));
        RequestId done = recorded(member, RequestType.ACCESS, 4, future(1));
        RequestId doneLast = recorded(member, RequestType.ACCESS, 5, future(1));
        batch(() -> {
            projection.on(new RequestCompleted(done, member, "RegisterExtractIssued", 3, PORTAL, future(5)));
            projection.on(new RequestCompleted(doneLast, member, "RegisterExtractIssued", 4, PORTAL, future(6)));
        });

        List<UUID> overdue = ids(projection.handle(new FindRequests(RequestStatus.OVERDUE, future(2).plusSeconds(1), 100_000))
                .entries());
        assertThat(overdue).containsSubsequence(sooner.value(), middle.value())
                .doesNotContain(later.value(), done.value(), doneLast.value());
        assertThat(ids(projection.handle(new FindRequests(RequestStatus.OVERDUE, future(2), 100_000)).entries()))
                .as("due exactly now is not overdue yet").contains(sooner.value()).doesNotContain(middle.value());

        List<UUID> open = ids(projection.handle(new FindRequests(RequestStatus.OPEN, future(0), 100_000)).entries());
        assertThat(open).containsSubsequence(sooner.value(), middle.value(), later.value())
                .doesNotContain(done.value(), doneLast.value());

        assertThat(ids(projection.handle(new FindRequests(RequestStatus.COMPLETED, future(0), 2)).entries()))
                .containsExactly(doneLast.value(), done.value());
    }

    @Test
    void lists_stop_at_the_limit() {
        MemberId member = MemberId.random();
        recorded(member, RequestType.ACCESS, 1, at(1));
        recorded(member, RequestType.ACCESS, 2, at(2));

        assertThat(projection.handle(new FindRequests(RequestStatus.OPEN, at(0), 1)).entries()).hasSize(1);
        assertThat(projection.handle(new FindRequests(RequestStatus.OVERDUE, future(10), 1)).entries()).hasSize(1);
    }

    @Test
    void a_reset_empties_the_requests_for_a_rebuild() {
        recorded(MemberId.random(), RequestType.ACCESS, 1, at(100));

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM request_view")).isZero();
    }
}
