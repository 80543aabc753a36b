package ledger.projections.erasure;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.contactcase.ContactCaseErased;
import ledger.core.member.FindErasureOf;
import ledger.core.member.FindErasures;
import ledger.core.member.MemberErased;
import ledger.core.shared.Actor;

/** The DPM's list of erasure receipts, manual and automatic (GET /erasures). */
@Component
@ProcessingGroup(ErasureReceiptProjection.NAME)
public class ErasureReceiptProjection {

    public static final String NAME = "erasure-receipts";

    private final ErasureReceiptRepository rows;

    public ErasureReceiptProjection(ErasureReceiptRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(MemberErased event) {
        rows.insert(event.memberId().value(), "MEMBER", event.ground().name(), event.at(), event.by().principal(),
                event.by().role(), Actor.SYSTEM.equals(event.by()));
    }

    @EventHandler
    void on(ContactCaseErased event) {
        boolean automatic = Actor.SYSTEM.equals(event.by());
        // erasures recorded before contact-case erasures carried a ground: derived from who erased
        String ground = event.ground() != null ? event.ground().name() : automatic ? "RETENTION_EXPIRED" : "REQUEST";
        rows.insert(event.caseId().value(), "CONTACT_CASE", ground, event.at(), event.by().principal(),
                event.by().role(), automatic);
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
    }

    @QueryHandler
    public Receipts handle(FindErasures query) {
        return new Receipts(rows.between(query.from(), query.to(), query.limit()));
    }

    @QueryHandler
    public Receipts handle(FindErasureOf query) {
        return new Receipts(rows.of(query.subjectId()));
    }

    public record Receipts(List<ErasureReceiptRow> entries) {
    }
}
