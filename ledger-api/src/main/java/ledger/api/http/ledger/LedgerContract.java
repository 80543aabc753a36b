package ledger.api.http.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class LedgerContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Ledger", "The verifiable ledger: signed checkpoints, the public key, leaves and RFC 9162 "
                + "proofs (auditors, the DPM, operations).");
        api.schema(LedgerController.Leaf.class, "LedgerLeaf", "A leaf of the ledger's Merkle log: its index "
                + "in log order, the event it covers, the event's global index in the event store and the RFC "
                + "9162 leaf hash (base64).");
        api.schema(LedgerController.InclusionProof.class, "LedgerInclusionProof", "The RFC 9162 inclusion "
                + "proof (audit path, base64 hashes from the leaf up) of a leaf in the tree of treeSize leaves.");
        api.schema(LedgerController.ConsistencyProof.class, "LedgerConsistencyProof", "The RFC 9162 "
                + "consistency proof (base64 hashes) that the tree of second leaves extends the tree of first "
                + "leaves.");
        api.schema(LedgerController.Verification.class, "LedgerVerification", "A verification of the log: "
                + "the leaves recomputed from their event rows, the signed checkpoints' signatures and roots; "
                + "firstBad is null when intact. from: the tree size it went on from (0: every leaf, a full "
                + "verification; otherwise the leaves below it were verified before and only the stored tree's "
                + "agreement with them was checked).");
        api.schema(LedgerController.FirstBad.class, "LedgerVerificationFinding", "The first problem a "
                + "verification found: the leaf index, event id and global index where known, and why.");
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("index", 41);
        finding.put("eventId", "5d2f8a1c-3b7e-4f60-9c1d-2a4e6b8c0d13");
        finding.put("globalIndex", 57);
        finding.put("reason", "the event row changed after it was sequenced (its leaf hash differs)");
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("status", "FAILED");
        verification.put("treeSize", 42);
        verification.put("checkedAt", "2026-01-31T09:30:00Z");
        verification.put("firstBad", finding);
        verification.put("from", 0);
        api.example("LedgerVerification", verification);
        api.example("LedgerVerificationFinding", finding);
        api.text("/api/v1/ledger/checkpoint", "ledger.example/compliance-ledger\n42\n"
                + "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n\u2014 ledger.example/compliance-ledger "
                + "Az3grk5Qb2bs4b3ByUCXMUw2hZmuuc2bXrgOAQ8vJ+vD9gwYlYX0c8JJOuGqDcrIUi1P3AmypKqRqmbpGlcrVvDjGwo=\n");
        api.text("/api/v1/ledger/public-key",
                "ledger.example/compliance-ledger+033de0ae+AXnHf1NyxMdeRX6cGZ2Vo5fvyTJE5qgcNDZRXe6v2h1I\n");
    }
}
