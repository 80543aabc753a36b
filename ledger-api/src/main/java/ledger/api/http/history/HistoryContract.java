package ledger.api.http.history;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.http.support.ApiContract;
import ledger.core.shared.Actor;
import ledger.projections.history.ConsentEntry;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class HistoryContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Audit", "Consent history and event trails (auditors, read-only).");
        api.schema(ConsentEntry.class, "ConsentHistoryEntry", "One consent event of a member.");
        api.schema(Actor.class, "Actor", "Who caused an event: the caller's principal and role, and the "
                + "person who acted through it when the caller named one (actingUser, from X-Acting-User: "
                + "member:<member id> or admin:<id>).");
        api.schema(HistoryController.HistoryEntry.class, "HistoryEntry", "One event of a member's trail; "
                + "personal fields masked.");
        api.schema(HistoryController.ConsentEvent.class, "AuditConsentEvent", "One consent event across "
                + "members.");
        api.schema(HistoryController.ConsentPage.class, "AuditConsentPage", "A page of consent events and "
                + "the cursor of the next.");
        api.schema(JsonNode.class, "EventDetails", "The event's fields, personal ones masked.");
        api.alternative("/api/v1/audit/consents", HistoryController.ConsentPage.class, "text/csv",
                "memberId,seq,type,purpose,policyVersion,channel,at,principal,role\r\n");
    }
}
