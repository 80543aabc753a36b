package ledger.api.http.audit;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.http.support.ApiContract;
import ledger.core.shared.Actor;
import ledger.projections.history.ConsentEntry;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class AuditContract implements ApiContract {

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
        api.schema(CampaignAuditController.Campaign.class, "CampaignAuditRequest", "A mailing to audit: the "
                + "purpose, the moment it was sent and its recipients' member ids (1 to 10,000; repeated ids "
                + "count once).");
        api.schema(CampaignAuditController.CampaignAudit.class, "CampaignAudit", "Whether each recipient "
                + "consented to the purpose at that moment, and a summary.");
        api.schema(CampaignAuditController.Summary.class, "CampaignAuditSummary", "How many recipients had "
                + "granted consent, had not, or are unknown to the ledger.");
        api.schema(CampaignAuditController.MemberAnswer.class, "CampaignAuditMember", "One recipient: status "
                + "granted, not-granted or unknown; the consent and the notice version and SHA-256 it rests on "
                + "when granted; the event that decides it, with its leaf index in the verifiable ledger (null "
                + "until it has one).");
        api.schema(CampaignAuditController.Evidence.class, "CampaignAuditEvidence", "A consent event and its "
                + "leaf index.");
        api.schema(ConsentStateController.ReconsentPage.class, "ReconsentPage", "Members who must consent "
                + "again under the notice: the purposes it changed against some older version, one page of "
                + "member ids, the cursor of the next page.");
        api.alternative("/api/v1/audit/consents", HistoryController.ConsentPage.class, "text/csv",
                "memberId,seq,type,purpose,policyVersion,channel,at,principal,role\r\n");
    }
}
