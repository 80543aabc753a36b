package ledger.projections.request;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberErased;
import ledger.core.request.CountOverdueRequests;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.FindRequests;
import ledger.core.request.IdentityVerified;
import ledger.core.request.RequestCompleted;
import ledger.core.request.RequestEvent;
import ledger.core.request.RequestClosedNoDataHeld;
import ledger.core.request.RequestExtended;
import ledger.core.request.RequestLinked;
import ledger.core.request.RequesterDataDue;
import ledger.core.request.RequesterDataShredded;
import ledger.core.request.VerificationChallengeFailed;
import ledger.core.request.VerificationChallengeIssued;
import ledger.core.request.RequestFilter;
import ledger.core.request.RequestRecorded;
import ledger.core.request.RequestRefused;
import ledger.projections.history.MaskedDetails;

/**
 * Data-subject requests for the DPM: each request with its deadline, identity check and outcome
 * (GET /requests?status=overdue), and its trail, every event in order (GET /requests/{id}/history).
 */
@Component
@ProcessingGroup(RequestProjection.NAME)
public class RequestProjection {

    public static final String NAME = "data-subject-requests";

    private final RequestRepository rows;

    public RequestProjection(RequestRepository rows) {
        this.rows = rows;
    }

    /** The requester's contact data stays in the events, sealed: never in the read model nor its trail. */
    @EventHandler
    void on(RequestRecorded event, @SequenceNumber long sequence) {
        rows.insert(event.requestId().value(), event.memberId() == null ? null : event.memberId().value(),
                event.type().name(), event.receivedAt(), event.dueAt());
        rows.insertEvent(event.requestId().value(), sequence, event.getClass().getSimpleName(), event.at(),
                event.by().principal(), event.by().role(), MaskedDetails.of(event, "requestId", "memberId", "by", "at",
                        "requesterEmail", "requesterName"));
    }

    @EventHandler
    void on(RequestLinked event, @SequenceNumber long sequence) {
        rows.link(event.requestId().value(), event.memberId().value());
        trail(event, sequence);
    }

    @EventHandler
    void on(RequestClosedNoDataHeld event, @SequenceNumber long sequence) {
        rows.complete(event.requestId().value(), event.at(), "NO_DATA_HELD", null, event.at(), event.late(),
                event.daysLate(), event.by().principal(), event.by().role());
        trail(event, sequence);
    }

    @EventHandler
    void on(RequesterDataDue event, @SequenceNumber long sequence) {
        trail(event, sequence);
    }

    @EventHandler
    void on(RequesterDataShredded event, @SequenceNumber long sequence) {
        trail(event, sequence);
    }

    @EventHandler
    void on(IdentityVerified event, @SequenceNumber long sequence) {
        rows.verify(event.requestId().value(), event.at(), event.method().name());
        trail(event, sequence);
    }

    /** The trail shows that a code was issued and until when; never its digest. */
    @EventHandler
    void on(VerificationChallengeIssued event, @SequenceNumber long sequence) {
        rows.insertEvent(event.requestId().value(), sequence, event.getClass().getSimpleName(), event.at(),
                event.by().principal(), event.by().role(),
                MaskedDetails.of(event, "requestId", "memberId", "by", "at", "codeDigest"));
    }

    @EventHandler
    void on(VerificationChallengeFailed event, @SequenceNumber long sequence) {
        trail(event, sequence);
    }

    @EventHandler
    void on(RequestExtended event, @SequenceNumber long sequence) {
        rows.extend(event.requestId().value(), event.dueAt());
        trail(event, sequence);
    }

    @EventHandler
    void on(RequestCompleted event, @SequenceNumber long sequence) {
        rows.complete(event.requestId().value(), event.at(), event.resultingEventType(), event.resultingEventSeq(),
                event.answeredAt(), event.late(), event.daysLate(), event.by().principal(), event.by().role());
        trail(event, sequence);
    }

    @EventHandler
    void on(RequestRefused event, @SequenceNumber long sequence) {
        rows.refuse(event.requestId().value(), event.at(), event.late(), event.daysLate(), event.by().principal(),
                event.by().role());
        trail(event, sequence);
    }

    /** The reasons in the trail read as erased from now on, as a replay after the erasure shows them. */
    @EventHandler
    void on(MemberErased event) {
        rows.markErased(event.memberId().value(), MaskedDetails.maskedLiteral(), MaskedDetails.erasedLiteral());
    }

    private void trail(RequestEvent event, long sequence) {
        rows.insertEvent(event.requestId().value(), sequence, event.getClass().getSimpleName(), event.at(),
                event.by().principal(), event.by().role(),
                MaskedDetails.of(event, "requestId", "memberId", "by", "at"));
    }

    @ResetHandler
    void reset() {
        rows.deleteAllEvents();
        rows.deleteAll();
    }

    @QueryHandler
    public Requests handle(FindRequests query) {
        return new Requests(switch (query.filter()) {
            case OPEN -> rows.open(query.limit());
            case DUE_SOON -> rows.dueSoon(query.now(), query.now().plus(RequestFilter.DUE_SOON_WINDOW), query.limit());
            case OVERDUE -> rows.overdue(query.now(), query.limit());
            case COMPLETED -> rows.completed(query.limit());
            case REFUSED -> rows.refused(query.limit());
        });
    }

    @QueryHandler
    public Optional<RequestRow> handle(FindRequest query) {
        return rows.findById(query.requestId().value());
    }

    /** The request's trail; empty when the request is unknown. */
    @QueryHandler
    public RequestTrail handle(FindRequestHistory query) {
        return new RequestTrail(rows.trailOf(query.requestId().value()));
    }

    @QueryHandler
    public Long handle(CountOverdueRequests query) {
        return rows.countOverdue(query.now());
    }

    public record Requests(List<RequestRow> entries) {
    }

    public record RequestTrail(List<RequestEventRow> entries) {
    }
}
