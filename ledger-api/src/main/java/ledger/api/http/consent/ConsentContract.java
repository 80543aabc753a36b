package ledger.api.http.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import ledger.api.application.consent.ConsentDocuments;
import ledger.api.application.consent.ConsentGrant;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class ConsentContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Consent evidence", "GDPR Art. 7(1): consent records, signed receipts, consent at any "
                + "moment, re-consent.");
        api.schema(AudienceController.AudiencePage.class, "PurposeAudience", "A page of the ids of the "
                + "members whose consent to the purpose is granted at the moment, in id order, and the cursor of "
                + "the next page (null on the last).");
        api.schema(ConsentDocuments.ConsentStateAt.class, "ConsentStateAtMoment", "Whether the member "
                + "consented to the purpose at the moment, under which notice (version and text SHA-256), since "
                + "when, and the stored events that show it (inclusion proofs through "
                + "/api/v1/ledger/proofs/inclusion by leafIndex).");
        api.schema(ConsentDocuments.Evidence.class, "ConsentEvidence", "A stored event: its id, the member's "
                + "sequence number, type, time and its leaf in the verifiable log (null until sequenced, "
                + "normally within a second).");
        api.schema(ConsentDocuments.LifecycleEvent.class, "ConsentLifecycleEvent", "An event of a consent's "
                + "life: given, withdrawn, replaced by a later consent, or ended by erasure; who acted, the "
                + "channel, its leaf.");
        api.schema(ConsentDocuments.RecordController.class, "ConsentRecordController", "The controller of a "
                + "consent record.");
        api.schema(ConsentDocuments.RecordPurpose.class, "ConsentRecordPurpose", "The purpose of a consent "
                + "record: name, description and legal basis from the notice, data categories.");
        api.schema(ConsentDocuments.RecordNotice.class, "ConsentRecordNotice", "The notice a consent rests "
                + "on: version, SHA-256 of its text and language as recorded on the consent event, and where it "
                + "is published.");
        api.schema(ConsentDocuments.RecordRecipient.class, "ConsentRecordRecipient", "A recipient of the "
                + "purpose's data, from the notice.");
        api.schema(ConsentDocuments.ConsentRecord.class, "ConsentRecord", "One consent as an ISO/IEC TS "
                + "27560-shaped record: who, controller, purpose, legal basis, notice and its hash, data "
                + "categories, recipients, method of collection, timestamp, state (ACTIVE, WITHDRAWN, "
                + "SUPERSEDED, ERASED), termination, life-cycle events (docs/consent-records.md).");
        api.schema(ConsentDocuments.Receipt.class, "KantaraConsentReceipt", "The member's consent receipt in "
                + "the fields of the Kantara Consent Receipt Specification 1.1; with Accept: application/jose "
                + "the same JSON is the payload of a compact JWS (alg EdDSA, kid the key hash of "
                + "/api/v1/ledger/public-key).");
        api.schema(ConsentDocuments.PiiController.class, "KantaraPiiController", "The PII controller of a "
                + "consent receipt.");
        api.schema(ConsentDocuments.ControllerAddress.class, "KantaraAddress", "The PII controller's address.");
        api.schema(ConsentDocuments.ReceiptService.class, "KantaraService", "The service a consent receipt "
                + "is about.");
        api.schema(ConsentDocuments.ReceiptPurpose.class, "KantaraPurpose", "A purpose of a consent receipt, "
                + "with its Kantara categories; processors are no third parties (GDPR Art. 4(10)).");
        api.schema(ConsentGrant.class, "ConsentGrant", "Consent to one configured purpose under a "
                + "registered notice version in effect (policyVersion; otherwise 400 unknown-notice) that "
                + "describes the purpose.");
        api.schema(ConsentRequests.Withdrawal.class, "ConsentWithdrawal", "Withdrawal of some purposes, or of "
                + "all of them, and how it reached the company (channel: portal, email, letter or phone; portal "
                + "when not given).");
        api.schema(ConsentRequests.ConsentRecorded.class, "ConsentRecorded", "The id of the recorded consent.");
        api.schema(ConsentRequests.Withdrawn.class, "ConsentsWithdrawn", "The purposes whose consent was "
                + "withdrawn.");
        api.example("KantaraConsentReceipt", kantaraExample());
        api.alternative("/api/v1/members/{memberId}/consents/{consentId}/receipt", ConsentDocuments.Receipt.class,
                "application/jose",
                "eyJhbGciOiJFZERTQSIsImtpZCI6IjAzM2RlMGFlIn0.eyJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0.c2lnbmF0dXJl");
    }

    private static Map<String, Object> kantaraExample() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("streetAddress", "Kungsportsavenyn 21, SE-411 36 Göteborg, Sweden");
        address.put("addressCountry", "SE");
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put("piiController", "Zesec of Sweden AB");
        controller.put("onBehalf", false);
        controller.put("contact", "Data Protection Manager (DPM)");
        controller.put("address", address);
        controller.put("email", "info@zesec.com");
        controller.put("piiControllerUrl", "https://www.zesec.com");
        Map<String, Object> purpose = new LinkedHashMap<>();
        purpose.put("purpose", "Marketing and information (newsletter).");
        purpose.put("purposeCategory", List.of("6 - Marketing"));
        purpose.put("consentType", "EXPLICIT");
        purpose.put("piiCategory", List.of("1 - Biographical", "2 - Contact"));
        purpose.put("primaryPurpose", false);
        purpose.put("termination", "Personal data is kept while you use the partner portal and for three months"
                + " after you cease to use it.");
        purpose.put("thirdPartyDisclosure", false);
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service", "Partner portal (www.zesec.com)");
        service.put("purposes", List.of(purpose));
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("version", "KI-CR-v1.1.0");
        receipt.put("jurisdiction", "SE");
        receipt.put("consentTimestamp", 1769851800);
        receipt.put("collectionMethod", "portal");
        receipt.put("consentReceiptID", "9b2e4c1a-7d3f-4e58-8a6b-1c2d3e4f5a6b");
        receipt.put("language", "en");
        receipt.put("piiPrincipalId", "3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10");
        receipt.put("piiControllers", List.of(controller));
        receipt.put("policyUrl", "https://www.zesec.com/privacy-policy/");
        receipt.put("services", List.of(service));
        receipt.put("sensitive", false);
        receipt.put("spiCat", List.of());
        return receipt;
    }
}
