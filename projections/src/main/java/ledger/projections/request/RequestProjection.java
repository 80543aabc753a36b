package ledger.projections.request;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.request.FindRequest;
import ledger.core.request.FindRequests;
import ledger.core.request.RequestCompleted;
import ledger.core.request.RequestExtended;
import ledger.core.request.RequestRecorded;

/** Data-subject requests and their deadlines, for the DPM (GET /requests?status=overdue). */
@Component
@ProcessingGroup(RequestProjection.NAME)
public class RequestProjection {

    public static final String NAME = "data-subject-requests";

    private final RequestRepository rows;

    public RequestProjection(RequestRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(RequestRecorded event) {
        rows.insert(event.requestId().value(), event.memberId().value(), event.type().name(), event.receivedAt(),
                event.dueAt());
    }

    @EventHandler
    void on(RequestExtended event) {
        rows.extend(event.requestId().value(), event.dueAt());
    }

    @EventHandler
    void on(RequestCompleted event) {
        rows.complete(event.requestId().value(), event.at(), event.resultingEventType(), event.resultingEventSeq());
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }

    @QueryHandler
    public Requests handle(FindRequests query) {
        return new Requests(switch (query.status()) {
            case OVERDUE -> rows.overdue(query.now(), query.limit());
            case COMPLETED -> rows.completed(query.limit());
            case OPEN -> rows.open(query.limit());
        });
    }

    @QueryHandler
    public Optional<RequestRow> handle(FindRequest query) {
        return rows.findById(query.requestId().value());
    }

    public record Requests(List<RequestRow> entries) {
    }
}
