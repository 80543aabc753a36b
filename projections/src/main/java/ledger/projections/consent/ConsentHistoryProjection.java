package ledger.projections.consent;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.consent.FindConsentEvents;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;

/**
 * The consent history auditors query (Art. 7(1)): who consented or withdrew, when, to which
 * purpose, under which policy version, by which channel. Runs on one segment so that ids, the
 * paging cursor, follow commit order.
 */
@Component
@ProcessingGroup(ConsentHistoryProjection.NAME)
public class ConsentHistoryProjection {

    public static final String NAME = "consent-history";

    private final ConsentHistoryRepository rows;

    public ConsentHistoryProjection(ConsentHistoryRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        rows.insert(event.memberId().value(), sequence, event.consentId(), "GIVEN", event.purpose(),
                event.policyVersion(), event.channel(), event.at(), event.by().principal(), event.by().role());
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        rows.insert(event.memberId().value(), sequence, event.consentId(), "WITHDRAWN", event.purpose(),
                event.policyVersion(), null, event.at(), event.by().principal(), event.by().role());
    }

    /** An erased member consents to nothing: each purpose still granted is closed by the erasure. */
    @EventHandler
    void on(MemberErased event, @SequenceNumber long sequence) {
        rows.closeOpenConsents(event.memberId().value(), sequence, event.at(), event.by().principal(),
                event.by().role());
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }

    @QueryHandler
    public ConsentEvents handle(FindConsentEvents query) {
        return new ConsentEvents(rows.page(query.after(), query.purpose(), query.from(), query.to(), query.limit()));
    }

    /** A list wrapper, so the query's response type is concrete. */
    public record ConsentEvents(List<ConsentHistoryRow> entries) {
    }
}
