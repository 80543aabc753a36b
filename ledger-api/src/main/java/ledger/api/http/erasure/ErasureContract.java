package ledger.api.http.erasure;

import org.springframework.stereotype.Component;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class ErasureContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Erasure", "Erasure, legal holds, restriction and objection, erasure receipts (the DPM).");
        api.schema(ErasureController.Erasure.class, "ErasureRequest", "The ground of an erasure (GDPR Art. "
                + "17) and an optional reason.");
        api.schema(ErasureController.CaseErasure.class, "ContactCaseErasureRequest", "The ground of a "
                + "contact case's erasure (default MEMBER_REQUEST).");
        api.schema(ErasureController.CaseErased.class, "ContactCaseErasureReceipt", "Receipt of a contact "
                + "case's erasure.");
        api.schema(MemberErasures.Receipt.class, "ErasureReceipt", "Receipt of a member's erasure: the data "
                + "key is shredded and the read models purged; the same receipt answers a repeated erasure.");
        api.schema(MemberErasures.ErasureEvidence.class, "ErasureEvidence", "What proves the erasure is "
                + "recorded: the MemberErased event's leaf in the verifiable ledger, a signed checkpoint (C2SP "
                + "signed note) whose tree includes it and the RFC 9162 inclusion proof (base64 hashes); null "
                + "when the leaf was not appended within 5 s.");
        api.schema(ErasuresController.Receipt.class, "ErasureRecord", "One erasure in the list of erasures: "
                + "subject, ground, when and by whom; no personal data; the erasure event's id, its leaf index "
                + "in the verifiable ledger and the size of the smallest signed checkpoint covering it (null "
                + "until the leaf is appended or a checkpoint signed).");
        api.schema(LegalHoldController.Hold.class, "LegalHoldPlacement", "The ground and reason of a legal "
                + "hold, and the date it is to be reviewed by (default: a year from today).");
        api.schema(MemberErasures.Placed.class, "LegalHoldPlaced", "The id of the placed hold and its review "
                + "date.");
    }
}
