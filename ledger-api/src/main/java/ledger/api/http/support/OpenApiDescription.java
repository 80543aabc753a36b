package ledger.api.http.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI description ({@code /v3/api-docs}) beyond what springdoc derives from the controllers:
 * schemas named by feature (springdoc names them by fully qualified class, see application.yml;
 * here they get their contract names), a description and an example for every schema and
 * operation, the problem schema on every error response, the bearer security scheme. The tables
 * below are the one place to extend when an endpoint or a record is added; {@code OpenApiIT} fails
 * on anything left out, and {@code .ci/run} lints the result with Redocly CLI.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Generated (fully qualified) schema name -> feature name, description. */
    private static final Map<String, String[]> SCHEMA_NAMES = new LinkedHashMap<>();

    /** "METHOD path" -> tag, summary, description. */
    private static final Map<String, String[]> OPERATIONS = new LinkedHashMap<>();

    /** "METHOD path" -> the success status, where springdoc cannot see it (a ResponseEntity built in code). */
    private static final Map<String, String> SUCCESS = Map.ofEntries(
            Map.entry("POST /api/v1/members", "201"),
            Map.entry("POST /api/v1/contact-cases", "201"),
            Map.entry("POST /api/v1/members/{memberId}/legal-holds", "201"),
            Map.entry("DELETE /api/v1/members/{memberId}/legal-holds/{holdId}", "204"),
            Map.entry("DELETE /api/v1/members/{memberId}/restriction", "204"),
            Map.entry("POST /api/v1/requests", "201"),
            Map.entry("POST /api/v1/requests/{requestId}/completion", "204"),
            Map.entry("POST /api/v1/admin/read-models/{name}/replay", "202"),
            Map.entry("DELETE /api/v1/admin/dead-letters/{letterId}", "204"),
            Map.entry("POST /api/v1/notices", "201"),
            Map.entry("POST /api/v1/notices/{version}/translations", "201"),
            Map.entry("POST /api/v1/members/{memberId}/activity", "204"),
            Map.entry("POST /api/v1/requests/{requestId}/verification-challenge", "201"),
            Map.entry("POST /api/v1/requests/{requestId}/member", "204"));

    /** "METHOD path" -> what a 200 means beside its 201 (the same request again, nothing recorded). */
    private static final Map<String, String> ALSO_OK = Map.of(
            "POST /api/v1/notices", "Registered before with the same content: nothing recorded",
            "POST /api/v1/notices/{version}/translations", "Registered before with the same text: nothing recorded");

    /** "METHOD path" that answer 410 Gone (a member's receipt after the member's erasure). */
    private static final Set<String> GONE = Set.of("GET /api/v1/members/{memberId}/consents/{consentId}/receipt");

    /** "METHOD path" without a path variable that still answers 404 (nothing there yet, an unknown id in the query). */
    private static final Set<String> NOT_FOUND = Set.of("GET /api/v1/ledger/checkpoint", "GET /api/v1/ledger/leaves",
            "GET /api/v1/ledger/verification", "GET /api/v1/audit/consent-state", "GET /api/v1/audit/reconsent");

    /** Schema name -> example, where one built from property examples would contradict itself. */
    private static final Map<String, Object> SCHEMA_EXAMPLES = new LinkedHashMap<>();

    /** SHA-256 of the policy text of 2019-01-05 as shipped (notices/privacy-policy-2019-01-05.txt). */
    private static final String POLICY_SHA256 = "5cdadcd165fa4c3c6ed03cb8eb900dfe215eb60be88eb9a973b109842fc386c4";

    /** Tag -> description. */
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    /** Example values by property name, where a generic one would not pass the property's rules. */
    private static final Map<String, Object> PROPERTY_EXAMPLES = new TreeMap<>();

    private static void schema(String generated, String name, String description) {
        SCHEMA_NAMES.put(generated, new String[] {name, description});
    }

    private static void operation(String key, String tag, String summary, String description) {
        OPERATIONS.put(key, new String[] {tag, summary, description});
    }

    static {
        String member = "ledger.api.http.member.MemberRequests$";
        schema(member + "Register", "MemberRegistration", "A member's registration by the portal: the username (unique,"
                + " never changes; NFKC, look-alikes count as taken), the profile and the first consents, which must"
                + " include portal-membership.");
        schema(member + "Consent", "ConsentGrant", "Consent to one configured purpose under a registered notice"
                + " version in effect (policyVersion; otherwise 400 unknown-notice) that describes the purpose.");
        schema(member + "Withdrawal", "ConsentWithdrawal", "Withdrawal of some purposes, or of all of them, and how it"
                + " reached the company (channel: portal, email, letter or phone; portal when not given).");
        schema(member + "Download", "DocumentDownload", "A document the member downloaded (personal data: it is"
                + " encrypted with the member's key).");
        schema(member + "ProfileChange", "ProfileChange", "Profile fields to change; a username different from the"
                + " registered one is refused with 422.");
        schema(member + "MembershipEnd", "MembershipEnd", "Why the membership ends.");
        schema(member + "Registered", "MemberRegistered", "The id of the registered member.");
        schema(member + "ConsentRecorded", "ConsentRecorded", "The id of the recorded consent.");
        schema(member + "Withdrawn", "ConsentsWithdrawn", "The purposes whose consent was withdrawn.");
        schema(member + "Ended", "MembershipEnded", "When the member's data will be erased (retention after the"
                + " membership ends).");
        schema("ledger.projections.member.MemberView", "MemberView", "The current state of a member: profile,"
                + " consents per purpose, downloads, status; every personal field is null once the member is erased.");
        schema("ledger.projections.member.MemberView$ConsentState", "MemberConsentState", "Consent to one purpose:"
                + " whether it must be given again (reconsentRequired: the notice in effect changed the purpose's"
                + " description, legal basis or recipients since the notice it rests on);"
                + " granted or not, under which policy version, since when.");
        schema("ledger.projections.member.MemberView$LegalHold", "LegalHoldSummary", "A legal hold that defers"
                + " erasure and restricts processing, with its ground and the date it is to be reviewed by.");
        schema("ledger.projections.member.MemberView$Restriction", "ProcessingRestriction", "The restriction of"
                + " processing (Art. 18): its ground and since when.");
        schema("ledger.projections.member.MemberView$Objection", "ProcessingObjection", "An objection to"
                + " processing for a purpose (Art. 21) and when it was recorded.");
        String restriction = "ledger.api.http.restriction.RestrictionController$";
        schema(restriction + "Restriction", "RestrictionRequest", "The ground of a restriction of processing"
                + " (Art. 18(1)(a)-(d)).");
        schema(restriction + "Restricted", "RestrictionRecorded", "The restriction that stands (the first ground"
                + " when the member was restricted already).");
        schema(restriction + "Objection", "ObjectionRequest", "The purpose the member objects to (Art. 21).");
        schema(restriction + "Objected", "ObjectionRecorded", "The recorded objection and the consents it"
                + " withdrew.");
        String contactCase = "ledger.api.http.contactcase.ContactCaseController$";
        schema(contactCase + "Open", "ContactCaseOpening", "A contact-form message: kept at most three years.");
        schema(contactCase + "Opened", "ContactCaseOpened", "The id of the contact case and when it will be erased.");
        schema(contactCase + "Closed", "ContactCaseClosed", "The id of the closed contact case.");
        String erasure = "ledger.api.http.erasure.ErasureController$";
        schema(erasure + "Erasure", "ErasureRequest", "The ground of an erasure (GDPR Art. 17) and an optional reason.");
        schema(erasure + "CaseErasure", "ContactCaseErasureRequest", "The ground of a contact case's erasure"
                + " (default MEMBER_REQUEST).");
        schema(erasure + "CaseErased", "ContactCaseErasureReceipt", "Receipt of a contact case's erasure.");
        String erasures = "ledger.api.http.erasure.MemberErasures$";
        schema(erasures + "Receipt", "ErasureReceipt", "Receipt of a member's erasure: the data key is shredded and"
                + " the read models purged; the same receipt answers a repeated erasure.");
        schema(erasures + "ErasureEvidence", "ErasureEvidence", "What proves the erasure is recorded: the"
                + " MemberErased event's leaf in the verifiable ledger, a signed checkpoint (C2SP signed note) whose"
                + " tree includes it and the RFC 9162 inclusion proof (base64 hashes); null when the leaf was not"
                + " appended within 5 s.");
        schema("ledger.api.http.erasure.ErasuresController$Receipt", "ErasureRecord", "One erasure in the list of"
                + " erasures: subject, ground, when and by whom; no personal data; the erasure event's id, its leaf"
                + " index in the verifiable ledger and the size of the smallest signed checkpoint covering it (null"
                + " until the leaf is appended or a checkpoint signed).");
        schema("ledger.api.http.erasure.LegalHoldController$Hold", "LegalHoldPlacement", "The ground and reason of a"
                + " legal hold, and the date it is to be reviewed by (default: a year from today).");
        schema("ledger.api.http.erasure.MemberErasures$Placed", "LegalHoldPlaced", "The id of the placed hold"
                + " and its review date.");
        String extract = "ledger.api.http.extract.RegisterExtract";
        schema(extract, "RegisterExtract", "A register extract (GDPR Art. 15 and 20): the member's personal data"
                + " and the earlier values still held, purposes with legal basis and consent, recipients and"
                + " transfers, retention in plain words with the date, the rights (restriction and objection"
                + " included), automated decision-making, the DPM's contact, the supervisory authority.");
        schema(extract + "$Member", "RegisterExtractMember", "The member's personal data in a register extract.");
        schema(extract + "$PurposeEntry", "RegisterExtractPurpose", "A purpose, its legal basis and the member's"
                + " consent to it.");
        schema(extract + "$Consent", "RegisterExtractConsent", "The member's consent to a purpose.");
        schema(extract + "$Retention", "RegisterExtractRetention", "How long data is kept and when it is erased.");
        schema("ledger.api.LedgerProperties$Controller", "DataController", "The controller of the personal data.");
        schema("ledger.api.LedgerProperties$Recipient", "DataRecipient", "A recipient or processor of personal data.");
        schema("ledger.api.LedgerProperties$Contact", "DataProtectionManagerContact", "How to reach the Data"
                + " Protection Manager.");
        String record = "ledger.api.http.register.ProcessingActivities";
        schema(record, "ProcessingActivities", "The record of processing activities (GDPR Art. 30(1)): controller,"
                + " DPM, each activity with purposes, categories of data subjects and personal data, recipients,"
                + " transfers and retention, and the security measures; from configuration.");
        schema(record + "$Activity", "ProcessingActivity", "One processing activity of the record.");
        schema(record + "$Purpose", "ProcessingPurpose", "A purpose of an activity and its legal basis.");
        schema(record + "$Transfer", "ThirdCountryTransfer", "A transfer to a recipient outside the EU/EEA and its"
                + " transfer mechanism.");
        schema("ledger.api.LedgerProperties$Cookie", "ProcessingCookie", "A cookie a processing activity sets: its"
                + " name or kind, what it holds and how long it lives.");
        schema("ledger.api.LedgerProperties$Right", "DataSubjectRight", "A right of the data subject and how to use"
                + " it.");
        schema("ledger.api.LedgerProperties$Authority", "SupervisoryAuthority", "The supervisory authority.");
        schema("ledger.projections.extract.RegisterExtractData$PastValue", "RegisterExtractPastValue", "An earlier"
                + " value of a profile field that the member's events still hold until erasure (Art. 15(3)).");
        schema("ledger.projections.extract.RegisterExtractData$Download", "RegisterExtractDownload", "A document"
                + " the member downloaded.");
        schema("ledger.projections.history.ConsentEntry", "ConsentHistoryEntry", "One consent event of a member.");
        schema("ledger.api.infrastructure.persistence.ReadAudit$Access", "PersonalDataAccess", "A recorded read of"
                + " the member's personal data: who, in which role, why, what, when.");
        schema("ledger.core.shared.Actor", "Actor", "Who caused an event: the caller's principal and role, and the"
                + " person who acted through it when the caller named one (actingUser, from X-Acting-User:"
                + " member:<member id> or admin:<id>).");
        String history = "ledger.api.http.history.HistoryController$";
        schema(history + "HistoryEntry", "HistoryEntry", "One event of a member's trail; personal fields masked.");
        schema(history + "ConsentEvent", "AuditConsentEvent", "One consent event across members.");
        schema(history + "ConsentPage", "AuditConsentPage", "A page of consent events and the cursor of the next.");
        String request = "ledger.api.http.request.RequestController$";
        schema(request + "NewRequest", "DataSubjectRequestIntake", "A data subject's request as received: of a member"
                + " (memberId) or of anyone, by contact data (requester); exactly one.");
        schema(request + "Extension", "DataSubjectRequestExtension", "An extension of a request's deadline by one"
                + " or two months, with the reason.");
        schema(request + "Completion", "DataSubjectRequestCompletion", "How a request was completed: the member event"
                + " that answered it, or the outcome NO_DATA_HELD for a requester who is no member.");
        schema(request + "Request", "DataSubjectRequest", "A data subject's request: its deadline, the identity"
                + " check, and how it ended (completed by a member event, when that happened and whether late, or"
                + " refused).");
        schema(request + "Verification", "DataSubjectRequestVerification", "How the requester's identity was"
                + " checked (needed before completion): the DPM's method, or the portal's one-time code (exactly"
                + " one).");
        schema(request + "Requester", "DataSubjectRequester", "The contact data of a requester who is (not yet"
                + " known as) a member: personal data, sealed under the request's own key and shredded"
                + " ledger.requests.requester-retention (3 years) after the request closed.");
        schema(request + "Link", "DataSubjectRequestLink", "The member the request turned out to be about.");
        schema("ledger.api.application.request.RequesterContacts$Contact", "DataSubjectRequesterContact", "The"
                + " requester's e-mail address and name, as the DPM answers them; read as [erased] after the"
                + " retention ended.");
        schema(request + "Challenge", "DataSubjectRequestChallenge", "A one-time code for the portal to show the"
                + " signed-in member, and until when it is valid.");
        schema(request + "Verified", "DataSubjectRequestVerified", "The request whose identity check was recorded.");
        schema(request + "Refusal", "DataSubjectRequestRefusal", "Why the request is refused (Art. 12(4)); stored"
                + " encrypted under the member's key, never answered.");
        schema(request + "Refused", "DataSubjectRequestRefused", "A refused request: whether the refusal came late,"
                + " and the authority the person may complain to.");
        schema(request + "TrailEntry", "DataSubjectRequestEvent", "One event of a request's trail: type, time,"
                + " actor; personal fields masked.");
        schema(request + "Due", "DataSubjectRequestDue", "The id of a request and when it is due.");
        schema("ledger.api.infrastructure.notification.NotificationOutbox$Notification", "RecipientNotification",
                "An Art. 19 notification to a recipient: which member, which kind of change (RECTIFICATION, ERASURE,"
                + " RESTRICTION, RESTRICTION_LIFTED), which fields (names only), its status (PENDING, DELIVERED,"
                + " FAILED), attempts and when the recipient acknowledged it.");
        schema("ledger.api.infrastructure.notification.NotificationOutbox$Delivery", "NotificationDelivery", "One"
                + " delivery attempt: when, the recipient's HTTP status or the type of the failure, and the outcome"
                + " (ACKNOWLEDGED, REJECTED, ERROR).");
        schema("ledger.api.http.notification.NotificationController$NotificationDetail", "RecipientNotificationDetail",
                "A notification with every delivery attempt.");
        schema("ledger.api.infrastructure.axon.ProjectionReplay$Status", "ReadModelStatus", "A read model's"
                + " processor (read models can share one: member-view and member-history; consent-history,"
                + " erasure-receipts and data-subject-requests): position, head, whether it is running or replaying.");
        schema("ledger.api.infrastructure.axon.DeadLetters$Letter", "DeadLetter", "A poison event parked by a"
                + " processing group: its event, position in the sequence (the aggregate), when and the cause's type"
                + " and SQLState; never the event's content or the exception's text.");
        schema("ledger.api.infrastructure.axon.DeadLetters$Retry", "DeadLetterGroupRetry", "How many parked"
                + " sequences of a processing group were handled completely, and how many letters are left.");
        schema("ledger.api.http.admin.DeadLettersController$LetterRetry", "DeadLetterRetry", "A retried letter's"
                + " sequence was handled completely; the letters left in its processing group.");
        schema("ledger.api.infrastructure.crypto.MasterKeyRotation$Result", "MasterKeyRotationResult", "The active"
                + " master key and how many data keys were re-wrapped.");
        schema("com.fasterxml.jackson.databind.JsonNode", "EventDetails", "The event's fields, personal ones masked.");
        String ledger = "ledger.api.http.ledger.LedgerController$";
        schema(ledger + "Leaf", "LedgerLeaf", "A leaf of the ledger's Merkle log: its index in log order, the event"
                + " it covers, the event's global index in the event store and the RFC 9162 leaf hash (base64).");
        schema(ledger + "InclusionProof", "LedgerInclusionProof", "The RFC 9162 inclusion proof (audit path, base64"
                + " hashes from the leaf up) of a leaf in the tree of treeSize leaves.");
        schema(ledger + "ConsistencyProof", "LedgerConsistencyProof", "The RFC 9162 consistency proof (base64 hashes)"
                + " that the tree of second leaves extends the tree of first leaves.");
        schema(ledger + "Verification", "LedgerVerification", "A full verification of the log: every leaf recomputed"
                + " from its event row, every signed checkpoint's signature and root; firstBad is null when intact.");
        schema(ledger + "FirstBad", "LedgerVerificationFinding", "The first problem a verification found: the leaf"
                + " index, event id and global index where known, and why.");
        String campaign = "ledger.api.http.consent.CampaignAuditController$";
        schema(campaign + "Campaign", "CampaignAuditRequest", "A mailing to audit: the purpose, the moment it was"
                + " sent and its recipients' member ids (1 to 10,000; repeated ids count once).");
        schema(campaign + "CampaignAudit", "CampaignAudit", "Whether each recipient consented to the purpose at"
                + " that moment, and a summary.");
        schema(campaign + "Summary", "CampaignAuditSummary", "How many recipients had granted consent, had not,"
                + " or are unknown to the ledger.");
        schema(campaign + "MemberAnswer", "CampaignAuditMember", "One recipient: status granted, not-granted or"
                + " unknown; the consent and the notice version and SHA-256 it rests on when granted; the event"
                + " that decides it, with its leaf index in the verifiable ledger (null until it has one).");
        schema(campaign + "Evidence", "CampaignAuditEvidence", "A consent event and its leaf index.");
        schema("ledger.api.http.consent.AudienceController$AudiencePage", "PurposeAudience", "A page of the ids of"
                + " the members whose consent to the purpose is granted at the moment, in id order, and the cursor"
                + " of the next page (null on the last).");
        String lookup = "ledger.api.http.lookup.LookupController$";
        schema(lookup + "Lookup", "MemberLookup", "Exactly one of email or username of the person to find (in the"
                + " body: never in an address or a log).");
        schema(lookup + "Found", "MemberLookupResult", "The ids of the members with that e-mail address (current"
                + " or earlier) or username; empty when none, also after an erasure.");
        String certificate = "ledger.api.application.certificate.MemberCertificate";
        schema(certificate, "MemberCertificate", "A member's lifecycle certificate (ledger-member-certificate/v1): one"
                + " checkpoint (C2SP signed note with the witnesses' cosignatures), every stored event of the member"
                + " with the values its leaf is computed from and its inclusion proof in that checkpoint's tree, the"
                + " consent receipts' JWS and the erasure receipt. No personal data; valid after the erasure.");
        schema(certificate + "$Event", "CertifiedEvent", "A stored event as its leaf covers it: the row's columns,"
                + " payload and metadata as lowercase hex SHA-256 of the stored bytes, the leaf index and hash and the"
                + " RFC 9162 inclusion proof (base64).");
        schema(certificate + "$ConsentReceipt", "CertifiedConsentReceipt", "A consent's Kantara receipt as a compact"
                + " JWS signed with the ledger's Ed25519 key.");
        schema(certificate + "$Erasure", "CertifiedErasure", "The member's erasure: its event and leaf, ground, time"
                + " and who erased (principal and role, or the system).");
        String notice = "ledger.api.http.notice.NoticeController$";
        schema(notice + "Translation", "NoticeTranslation", "A registered version's text in another language (a"
                + " BCP 47 tag); a consent naming that language records the SHA-256 of this text.");
        schema(notice + "TranslationRegistered", "NoticeTranslationRegistered", "The version, the language and"
                + " the SHA-256 the ledger computed of the translation's text.");
        schema(notice + "Registration", "NoticeRegistration", "A privacy-notice version to register: its language,"
                + " where it is published, its full text (the ledger keeps it and its SHA-256), from when it is in"
                + " effect, the purposes it describes, the retention it states and the recipients it names.");
        schema(notice + "Purpose", "NoticePurpose", "What a notice says of one purpose: description and legal basis.");
        schema(notice + "Recipient", "NoticeRecipient", "A recipient or processor a notice names, for which purposes"
                + " and where.");
        schema(notice + "NoticeSummary", "NoticeSummary", "A registered notice version without its text; sha256 is"
                + " the lowercase hex SHA-256 of the text's UTF-8 bytes.");
        schema(notice + "Notice", "PrivacyNotice", "A registered notice version with its text.");
        schema(notice + "Registered", "NoticeRegistered", "The registered version and the SHA-256 of its text.");
        String consent = "ledger.api.http.consent.ConsentDocuments$";
        schema(consent + "ConsentStateAt", "ConsentStateAtMoment", "Whether the member consented to the purpose at"
                + " the moment, under which notice (version and text SHA-256), since when, and the stored events"
                + " that show it (inclusion proofs through /api/v1/ledger/proofs/inclusion by leafIndex).");
        schema(consent + "Evidence", "ConsentEvidence", "A stored event: its id, the member's sequence number, type,"
                + " time and its leaf in the verifiable log (null until sequenced, normally within a second).");
        schema(consent + "LifecycleEvent", "ConsentLifecycleEvent", "An event of a consent's life: given, withdrawn,"
                + " replaced by a later consent, or ended by erasure; who acted, the channel, its leaf.");
        schema(consent + "RecordController", "ConsentRecordController", "The controller of a consent record.");
        schema(consent + "RecordPurpose", "ConsentRecordPurpose", "The purpose of a consent record: name,"
                + " description and legal basis from the notice, data categories.");
        schema(consent + "RecordNotice", "ConsentRecordNotice", "The notice a consent rests on: version, SHA-256 of"
                + " its text and language as recorded on the consent event, and where it is published.");
        schema(consent + "RecordRecipient", "ConsentRecordRecipient", "A recipient of the purpose's data, from the"
                + " notice.");
        schema(consent + "ConsentRecord", "ConsentRecord", "One consent as an ISO/IEC TS 27560-shaped record: who,"
                + " controller, purpose, legal basis, notice and its hash, data categories, recipients, method of"
                + " collection, timestamp, state (ACTIVE, WITHDRAWN, SUPERSEDED, ERASED), termination, life-cycle"
                + " events (docs/consent-records.md).");
        schema(consent + "Receipt", "KantaraConsentReceipt", "The member's consent receipt in the fields of the"
                + " Kantara Consent Receipt Specification 1.1; with Accept: application/jose the same JSON is the"
                + " payload of a compact JWS (alg EdDSA, kid the key hash of /api/v1/ledger/public-key).");
        schema(consent + "PiiController", "KantaraPiiController", "The PII controller of a consent receipt.");
        schema(consent + "ControllerAddress", "KantaraAddress", "The PII controller's address.");
        schema(consent + "ReceiptService", "KantaraService", "The service a consent receipt is about.");
        schema(consent + "ReceiptPurpose", "KantaraPurpose", "A purpose of a consent receipt, with its Kantara"
                + " categories; processors are no third parties (GDPR Art. 4(10)).");
        schema("ledger.api.http.consent.ConsentEvidenceController$ReconsentPage", "ReconsentPage", "Members who"
                + " must consent again under the notice: the purposes it changed against some older version, one"
                + " page of member ids, the cursor of the next page.");

        TAGS.put("Members", "The portal's commands and reads on members.");
        TAGS.put("Contact cases", "Contact-form messages, kept at most three years.");
        TAGS.put("Erasure", "Erasure, legal holds, restriction and objection, erasure receipts (the DPM).");
        TAGS.put("Register extract", "GDPR Art. 15 and 20: what the ledger holds on a member and why.");
        TAGS.put("Audit", "Consent history and event trails (auditors, read-only).");
        TAGS.put("Register", "GDPR Art. 30: the record of processing activities (the DPM and auditors).");
        TAGS.put("Data subject requests", "Requests of data subjects and their deadlines (the DPM).");
        TAGS.put("Notifications", "GDPR Art. 19: recipients told of rectifications, erasures and restrictions (the"
                + " DPM).");
        TAGS.put("Operations", "Read models and the master key (ADMIN).");
        TAGS.put("Notices", "The privacy-notice registry: versions registered by the SHA-256 of their text.");
        TAGS.put("Consent evidence", "GDPR Art. 7(1): consent records, signed receipts, consent at any moment,"
                + " re-consent.");
        TAGS.put("Ledger", "The verifiable ledger: signed checkpoints, the public key, leaves and RFC 9162 proofs"
                + " (auditors, the DPM, operations).");

        String m = "/api/v1/members";
        operation("POST " + m, "Members", "Register a member", "Registers a member with consent to"
                + " portal-membership; 409 when the username (or a look-alike of it) is taken.");
        operation("GET " + m + "/{memberId}", "Members", "Read a member", "The member view; needs X-Purpose, and the"
                + " read is recorded.");
        operation("POST " + m + "/{memberId}/consents", "Members", "Give consent", "Records consent to a purpose"
                + " under a registered notice in effect, with the notice's version, text SHA-256 and language; 400"
                + " unknown-notice otherwise. X-Acting-User names the person acting through the portal.");
        operation("POST " + m + "/{memberId}/consents/withdrawals", "Members", "Withdraw consent", "Withdraws some"
                + " purposes or all, recording the channel; withdrawing portal-membership ends the membership. The DPM"
                + " may record a withdrawal on the member's behalf (actor DPM).");
        operation("GET " + m + "/{memberId}/consents/{consentId}", "Consent evidence", "Read a consent record",
                "The consent as an ISO/IEC TS 27560-shaped record with every event of its life and their leaves.");
        operation("GET " + m + "/{memberId}/consents/{consentId}/receipt", "Consent evidence", "Read a consent"
                + " receipt", "The member's Kantara Consent Receipt 1.1 as JSON, or with Accept: application/jose"
                + " as a compact JWS signed with the ledger's Ed25519 key (RFC 8037); 410 after erasure.");
        operation("GET /api/v1/audit/consent-state", "Consent evidence", "Read the consent at a moment", "Whether"
                + " the member consented to the purpose at the moment (default now), under which notice and since"
                + " when, with the stored events that show it and their leaves.");
        operation("GET /api/v1/audit/reconsent", "Consent evidence", "List members to consent again", "Active members"
                + " whose granted consent to a purpose rests on an older notice that described the purpose"
                + " otherwise (description, legal basis, recipients), or on an unregistered version; paged.");
        operation("POST /api/v1/notices", "Notices", "Register a notice version", "Registers a privacy-notice"
                + " version with its text and answers the SHA-256 of the text (201); the same content again: 200;"
                + " another text or other terms under the version: 409 notice-conflict.");
        operation("GET /api/v1/notices", "Notices", "List notice versions", "Every registered version, older first,"
                + " without the texts.");
        operation("GET /api/v1/notices/{version}", "Notices", "Read a notice version", "One version with its text;"
                + " Accept: text/plain gives the text alone, byte for byte as registered (its SHA-256 is sha256).");
        operation("POST " + m + "/{memberId}/downloads", "Members", "Record a download", "Records a document the"
                + " member downloaded.");
        operation("PATCH " + m + "/{memberId}/profile", "Members", "Edit the profile", "Changes profile fields; the"
                + " username can never change (422). As application/merge-patch+json (RFC 7396) a field set to null"
                + " is removed: company may be, the other fields are required (400 field-required). The answer is"
                + " recorded as a read. The DPM may rectify on the member's behalf (actor DPM).");
        operation("POST " + m + "/{memberId}/membership-end", "Members", "End the membership", "Ends the"
                + " membership; the member's data is erased after the retention period.");
        operation("GET " + m + "/{memberId}/register-extract", "Register extract", "Issue a register extract",
                "The register extract as JSON, HTML (Accept: text/html, the member's readable copy) or PDF"
                        + " (Accept: application/pdf, the same page); issuing it is recorded, and so is the read.");
        operation("GET " + m + "/{memberId}/consent-history", "Audit", "Read a member's consent history",
                "Every consent event of the member in order (auditors, and the DPM answering a request).");
        operation("POST /api/v1/requests/{requestId}/member", "Data subject requests", "Link a request to a member",
                "A request received from someone known by contact data only turned out to be the member's (found"
                        + " e.g. by e-mail): from now on it completes like any of theirs. 409 already-linked. The DPM.");
        operation("POST /api/v1/requests/{requestId}/verification-challenge", "Data subject requests", "Issue a"
                + " one-time verification code", "8 digits, valid ledger.requests.verification-code-ttl (30 minutes),"
                + " for the portal to show the signed-in member; only its keyed digest is recorded, a new code"
                + " replaces the last. The DPM.");
        operation("POST /api/v1/members/{memberId}/activity", "Members", "Record a use of the portal", "The"
                + " member used the portal (e.g. signed in): records the day of last use, at most one event a day."
                + " Without use for ledger.retention.inactivity (24 months by default) the membership ends as"
                + " ceased; 30 days before, the recipients configured for it are told (the portal mails the"
                + " member). 409 membership-ended once it ended.");
        operation("POST /api/v1/notices/{version}/translations", "Notices", "Add a translation of a notice",
                "Adds the version's text in another language: 201, the same text again 200 (nothing recorded),"
                        + " another text for that language or the notice's own language 409 translation-conflict."
                        + " Recorded as an event. The DPM and operations.");
        operation("POST /api/v1/audit/campaigns", "Consent evidence", "Audit a campaign", "For up to 10,000"
                + " recipients of a mailing: did each consent to the purpose at that moment, under which notice,"
                + " proven by which event (and its leaf); a summary of granted, not granted and unknown."
                + " Accept: text/csv gives CSV (the summary in X-Summary-* headers). Auditors and the DPM.");
        operation("GET /api/v1/purposes/{purpose}/audience", "Consent evidence", "List who consents to a"
                + " purpose", "The ids of the members whose consent to the purpose is granted at the moment at"
                + " (default now): who may receive a mailing. Paged by cursor in id order. The portal and the DPM.");
        operation("POST " + m + "/lookup", "Data subject requests", "Find a member by e-mail or username",
                "Through a keyed blind index (HMAC of the normalised value under a secret of the service; an e-mail"
                        + " is matched case-insensitively, a username as uniqueness sees it, look-alikes included)."
                        + " Every member found is recorded in the read audit with X-Purpose (default member-lookup)."
                        + " The DPM.");
        operation("GET " + m + "/{memberId}/certificate", "Ledger", "Issue a member's lifecycle certificate",
                "Every stored event of the member with its leaf and inclusion proof under the latest (cosigned)"
                        + " checkpoint, the consent receipts' JWS and the erasure receipt, as one JSON file to check"
                        + " offline (java -jar ledger.jar verify --certificate); no personal data, also after the"
                        + " erasure. 503 certificate-not-ready while a just-recorded event awaits its leaf. The DPM"
                        + " and auditors.");
        operation("GET " + m + "/{memberId}/history", "Audit", "Read a member's event trail", "Every event of the"
                + " member: type, time, actor, sequence number (which a request's completion links); personal fields"
                + " masked; survives erasure. Auditors and the DPM.");
        operation("GET /api/v1/audit/consents", "Audit", "List consent events", "Consent events across members,"
                + " paged by cursor; text/csv gives CSV.");
        operation("POST " + m + "/{memberId}/erasure", "Erasure", "Erase a member", "Shreds the member's data key"
                + " and purges the read models. While a legal hold stands the erasure is recorded and deferred, and"
                + " answered 409 legal-hold naming the holds (erasureDeferred: true); it runs when the last hold is"
                + " released.");
        operation("POST /api/v1/contact-cases/{caseId}/erasure", "Erasure", "Erase a contact case", "Shreds the"
                + " contact case's data key.");
        operation("GET " + m + "/{memberId}/accesses", "Erasure", "List reads of a member's data", "Every recorded"
                + " read of the member's personal data.");
        operation("POST " + m + "/{memberId}/legal-holds", "Erasure", "Place a legal hold", "Defers erasure until"
                + " the hold is released and restricts processing while it stands; to be reviewed by reviewBy.");
        operation("DELETE " + m + "/{memberId}/legal-holds/{holdId}", "Erasure", "Release a legal hold",
                "Releases a hold; a deferred erasure runs once no hold remains.");
        operation("POST " + m + "/{memberId}/restriction", "Erasure", "Restrict processing", "Art. 18: the data is"
                + " kept, but consents and downloads are refused (409 processing-restricted; register extracts are"
                + " still issued: access is the member's right);"
                + " rectification, withdrawal, erasure and lifting pass. A retention erasure waits.");
        operation("DELETE " + m + "/{memberId}/restriction", "Erasure", "Lift the restriction", "Ends the"
                + " restriction of processing; a deferred retention erasure then runs unless a hold stands.");
        operation("POST " + m + "/{memberId}/objections", "Erasure", "Record an objection", "Art. 21: processing"
                + " for the purpose ends (its consent is withdrawn; for portal-membership the membership ends).");
        operation("GET /api/v1/erasures", "Erasure", "List erasures", "Erasure receipts, without personal data.");
        operation("POST /api/v1/contact-cases", "Contact cases", "Open a contact case", "Records a contact-form"
                + " message and when it will be erased.");
        operation("POST /api/v1/contact-cases/{caseId}/closure", "Contact cases", "Close a contact case",
                "Closes a contact case.");
        operation("GET /api/v1/register/processing-activities", "Register", "Read the record of processing"
                + " activities", "GDPR Art. 30(1) from configuration, as JSON or (Accept: text/html) as a page.");
        String r = "/api/v1/requests";
        operation("POST " + r, "Data subject requests", "Record a request", "Records a data subject's request and"
                + " its deadline: a member's, or anyone's by contact data (sealed under the request's own key,"
                + " shredded 3 years after the request closed).");
        operation("GET " + r, "Data subject requests", "List requests", "Requests and their deadlines: status open"
                + " (the default), due-soon (within 7 days), overdue, completed or refused.");
        operation("GET " + r + "/{requestId}", "Data subject requests", "Read a request", "One request and its"
                + " deadline.");
        operation("POST " + r + "/{requestId}/extension", "Data subject requests", "Extend a request's deadline",
                "Extends the deadline by one or two months, with the reason.");
        operation("POST " + r + "/{requestId}/completion", "Data subject requests", "Complete a request",
                "Links the member event that answered the request: an event of its member, of a type that answers"
                + " its type, recorded after its receipt, not linked to another request; the identity must be"
                + " verified. Answering events complete the oldest open request by themselves. {\"outcome\":"
                + " \"NO_DATA_HELD\"} closes a request of someone who is no member (409 member-data-held for a"
                + " member's).");
        operation("POST " + r + "/{requestId}/verification", "Data subject requests", "Record the identity check",
                "Records how the requester's identity was checked; a request completes only after it. The DPM"
                        + " gives the method (e.g. for a request by letter); the portal passes on the one-time code"
                        + " the signed-in member typed: 422 wrong-code with the attempts left, the fifth wrong code"
                        + " locks the challenge (409 challenge-locked), an expired code 409 challenge-expired.");
        operation("POST " + r + "/{requestId}/refusal", "Data subject requests", "Refuse a request",
                "Ends the request refused with the reason told to the person; the answer names the supervisory"
                + " authority (Art. 12(4)).");
        operation("GET " + r + "/{requestId}/history", "Data subject requests", "Read a request's trail",
                "Every event of the request in order, with who and when; reasons masked.");
        operation("GET /api/v1/notifications", "Notifications", "List recipient notifications", "Art. 19"
                + " notifications, newest first; by memberId and status (pending, delivered, failed).");
        operation("GET /api/v1/notifications/{notificationId}", "Notifications", "Read a recipient notification",
                "One notification with every delivery attempt and the acknowledgement.");
        String a = "/api/v1/admin";
        operation("GET " + a + "/read-models", "Operations", "List read models", "Every read model's processor.");
        operation("GET " + a + "/read-models/{name}", "Operations", "Read a read model's status", "One read model's"
                + " processor.");
        operation("POST " + a + "/read-models/{name}/replay", "Operations", "Replay a read model", "Rebuilds the"
                + " read model from the event store, with every read model that shares its processor (`processor`"
                + " in the status); a replay asked for while that processor rebuilds joins the rebuild.");
        operation("GET " + a + "/dead-letters", "Operations", "List dead letters", "Poison events parked by the"
                + " read models' processors, in queue order; where and why, never the event's content.");
        operation("GET " + a + "/dead-letters/{letterId}", "Operations", "Read a dead letter", "One parked event.");
        operation("POST " + a + "/dead-letters/{letterId}/retry", "Operations", "Retry a dead letter", "Handles the"
                + " letter's sequence again, in order; 409 when a letter still fails (nothing changes).");
        operation("POST " + a + "/dead-letters/retry", "Operations", "Retry a processing group's dead letters",
                "Handles every parked sequence of the processing group once.");
        operation("DELETE " + a + "/dead-letters/{letterId}", "Operations", "Evict a dead letter", "Removes the"
                + " letter; its event is not applied to that read model.");
        operation("POST " + a + "/master-key/rotation", "Operations", "Rotate the master key", "Re-wraps every data"
                + " key with the active master key.");

        String l = "/api/v1/ledger";
        operation("GET " + l + "/checkpoint", "Ledger", "Read the latest signed checkpoint", "The latest C2SP"
                + " tlog-checkpoint (origin, tree size, base64 root hash) in a signed note (Ed25519), as text/plain.");
        operation("GET " + l + "/public-key", "Ledger", "Read the public key", "The note verifier key"
                + " <name>+<hex key hash>+<base64(0x01 || Ed25519 key)> that verifies every checkpoint.");
        operation("GET " + l + "/leaves", "Ledger", "List leaves", "Leaves [start, end) in log order (end defaults"
                + " to start plus the page size), or the leaf of one event (eventId; 404 when it has none yet).");
        operation("GET " + l + "/proofs/inclusion", "Ledger", "Read an inclusion proof", "The RFC 9162 inclusion"
                + " proof of leaf index in the tree of treeSize leaves (1 <= treeSize <= the log's size).");
        operation("GET " + l + "/proofs/consistency", "Ledger", "Read a consistency proof", "The RFC 9162"
                + " consistency proof from the tree of first leaves to the tree of second leaves (empty when first is"
                + " 0 or equal to second).");
        operation("POST " + l + "/verification", "Ledger", "Verify the ledger now", "Recomputes every leaf from its"
                + " event row and checks every stored checkpoint; answers when done (long on a large log).");
        operation("GET " + l + "/verification", "Ledger", "Read the latest verification", "The latest full"
                + " verification of any node (scheduled or requested); 404 before the first.");

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
        SCHEMA_EXAMPLES.put("LedgerVerification", verification);
        SCHEMA_EXAMPLES.put("KantaraConsentReceipt", kantaraExample());
        SCHEMA_EXAMPLES.put("LedgerVerificationFinding", finding);

        PROPERTY_EXAMPLES.put("username", "ada_lovelace");
        PROPERTY_EXAMPLES.put("givenName", "Ada");
        PROPERTY_EXAMPLES.put("familyName", "Lovelace");
        PROPERTY_EXAMPLES.put("company", "Analytical Engines Ltd");
        PROPERTY_EXAMPLES.put("email", "ada@example.org");
        PROPERTY_EXAMPLES.put("name", "Ada Lovelace");
        PROPERTY_EXAMPLES.put("message", "Please call me back about the partner programme.");
        PROPERTY_EXAMPLES.put("purpose", "portal-membership");
        PROPERTY_EXAMPLES.put("purposes", List.of("newsletter"));
        PROPERTY_EXAMPLES.put("withdrawn", List.of("newsletter"));
        PROPERTY_EXAMPLES.put("policyVersion", "2019-01-05");
        PROPERTY_EXAMPLES.put("noticeVersion", "2019-01-05");
        PROPERTY_EXAMPLES.put("version", "2019-01-05");
        PROPERTY_EXAMPLES.put("notice", "2019-01-05");
        PROPERTY_EXAMPLES.put("sha256", POLICY_SHA256);
        PROPERTY_EXAMPLES.put("noticeSha256", POLICY_SHA256);
        PROPERTY_EXAMPLES.put("language", "en");
        PROPERTY_EXAMPLES.put("url", "https://www.zesec.com/privacy-policy/");
        PROPERTY_EXAMPLES.put("text", "Privacy Policy\n\nAbout our privacy policy\n...");
        PROPERTY_EXAMPLES.put("retention", "Personal data is kept while you use the partner portal and for three"
                + " months after you cease to use it.");
        PROPERTY_EXAMPLES.put("legalBasis", "Consent (GDPR Art. 6(1)(a))");
        PROPERTY_EXAMPLES.put("description", "Marketing and information (newsletter).");
        PROPERTY_EXAMPLES.put("location", "EU/EEA");
        PROPERTY_EXAMPLES.put("actingUser", "member:3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10");
        PROPERTY_EXAMPLES.put("state", "ACTIVE");
        PROPERTY_EXAMPLES.put("collectionMethod", "portal");
        PROPERTY_EXAMPLES.put("personalDataCategories", List.of("1 - Biographical", "2 - Contact"));
        PROPERTY_EXAMPLES.put("channel", "portal");
        PROPERTY_EXAMPLES.put("documentId", "price-list-2026");
        PROPERTY_EXAMPLES.put("title", "Price list 2026");
        PROPERTY_EXAMPLES.put("reason", "the member asked by email");
        PROPERTY_EXAMPLES.put("resultingEventType", "RegisterExtractIssued");
        PROPERTY_EXAMPLES.put("months", 1);
        PROPERTY_EXAMPLES.put("principal", "static:PORTAL#1");
        PROPERTY_EXAMPLES.put("role", "PORTAL");
        PROPERTY_EXAMPLES.put("nextCursor", "eyJzZXEiOjQyfQ");
        PROPERTY_EXAMPLES.put("leafHash", "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
        PROPERTY_EXAMPLES.put("hashes", List.of("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="));
        PROPERTY_EXAMPLES.put("eventId", "5d2f8a1c-3b7e-4f60-9c1d-2a4e6b8c0d13");
        PROPERTY_EXAMPLES.put("status", "OK");
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

    @Bean
    OpenApiCustomizer ledgerOpenApi() {
        return OpenApiDescription::customize;
    }

    static void customize(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        if (components.getSchemas() == null) {
            components.setSchemas(new LinkedHashMap<>());
        }
        alternativeRepresentations(api);
        renameSchemas(api);
        for (Map.Entry<String, Schema> schema : components.getSchemas().entrySet()) {
            String[] named = SCHEMA_NAMES.values().stream().filter(n -> n[0].equals(schema.getKey())).findFirst()
                    .orElse(null);
            if (named != null) {
                schema.getValue().setDescription(named[1]);
            }
        }
        components.addSchemas("Problem", problemSchema());
        SCHEMA_EXAMPLES.forEach((name, example) -> {
            Schema<?> schema = components.getSchemas().get(name);
            if (schema != null) {
                schema.setExample(example);
            }
        });
        for (Schema<?> schema : components.getSchemas().values()) {
            if (schema.getExample() == null) {
                schema.setExample(example(api, schema, 0));
            }
        }
        errorResponses(components);
        api.info(new Info().title("Compliance ledger API").version("v1")
                .description("An event-sourced GDPR compliance ledger: consents, downloads, profile edits, erasure"
                        + " by crypto-shredding, legal holds, register extracts and audit trails. Errors are RFC 9457"
                        + " problems (application/problem+json) with a stable urn:ledger:problem: type."));
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT or static token")
                .description("A configured static token or an OAuth2 JWT whose roles claim names PORTAL, AUDITOR,"
                        + " DPM or ADMIN; see the role matrix in the README."));
        api.setSecurity(List.of(new SecurityRequirement().addList("bearer")));
        api.setTags(TAGS.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue())).toList());
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(api, method + " " + path, path, operation)));
        }
    }

    /** The register extract (JSON or HTML) and the audit list (JSON or CSV) answer {@code ResponseEntity<?>}. */
    private static void alternativeRepresentations(OpenAPI api) {
        text(api, "/api/v1/ledger/checkpoint", "ledger.example/compliance-ledger\n42\n"
                + "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n\u2014 ledger.example/compliance-ledger "
                + "Az3grk5Qb2bs4b3ByUCXMUw2hZmuuc2bXrgOAQ8vJ+vD9gwYlYX0c8JJOuGqDcrIUi1P3AmypKqRqmbpGlcrVvDjGwo=\n");
        text(api, "/api/v1/ledger/public-key",
                "ledger.example/compliance-ledger+033de0ae+AXnHf1NyxMdeRX6cGZ2Vo5fvyTJE5qgcNDZRXe6v2h1I\n");
        represent(api, "/api/v1/members/{memberId}/register-extract", "ledger.api.http.extract.RegisterExtract",
                "text/html", "<!DOCTYPE html><html lang=\"en\">...</html>");
        pdf(api, "/api/v1/members/{memberId}/register-extract");
        represent(api, "/api/v1/members/{memberId}/consents/{consentId}/receipt",
                "ledger.api.http.consent.ConsentDocuments$Receipt", "application/jose",
                "eyJhbGciOiJFZERTQSIsImtpZCI6IjAzM2RlMGFlIn0.eyJ2ZXJzaW9uIjoiS0ktQ1ItdjEuMS4wIn0.c2lnbmF0dXJl");
        represent(api, "/api/v1/notices/{version}", "ledger.api.http.notice.NoticeController$Notice", "text/plain",
                "Privacy Policy\n\nAbout our privacy policy\n...");
        represent(api, "/api/v1/register/processing-activities", "ledger.api.http.register.ProcessingActivities",
                "text/html", "<!DOCTYPE html><html lang=\"en\">...</html>");
        represent(api, "/api/v1/audit/consents", "ledger.api.http.history.HistoryController$ConsentPage",
                "text/csv", "memberId,seq,type,purpose,policyVersion,channel,at,principal,role\r\n");
    }

    /** A third representation: the same document as PDF (binary). */
    private static void pdf(OpenAPI api, String path) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null || item.getGet().getResponses() == null
                || item.getGet().getResponses().get("200") == null) {
            return;
        }
        item.getGet().getResponses().get("200").getContent().addMediaType("application/pdf",
                new MediaType().schema(new StringSchema().format("binary")));
    }

    /** A text/plain answer (a signed note, a key): a string with an example. */
    private static void text(OpenAPI api, String path, String example) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null || item.getGet().getResponses() == null) {
            return;
        }
        ApiResponse ok = item.getGet().getResponses().get("200");
        if (ok != null) {
            ok.setContent(new Content().addMediaType("text/plain", new MediaType().schema(new StringSchema())
                    .example(example)));
        }
    }

    private static void represent(OpenAPI api, String path, String type, String otherType, String otherExample) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null) {
            return;
        }
        Class<?> javaType;
        try {
            javaType = Class.forName(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no such response type: " + type, e);
        }
        ModelConverters.getInstance().readAll(javaType).forEach(api.getComponents().getSchemas()::putIfAbsent);
        String name = ModelConverters.getInstance().read(javaType).keySet().stream().findFirst().orElse(type);
        Content content = new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(SCHEMAS + name)))
                .addMediaType(otherType, new MediaType().schema(new StringSchema()).example(otherExample));
        item.getGet().getResponses().put("200", new ApiResponse().description("OK").content(content));
    }

    private static void renameSchemas(OpenAPI api) {
        Map<String, Schema> renamed = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        api.getComponents().getSchemas().forEach((generated, schema) -> {
            // nested classes come as Outer.Inner: the table writes Outer$Inner, as Class.forName takes it
            String[] named = SCHEMA_NAMES.entrySet().stream()
                    .filter(e -> e.getKey().replace('$', '.').equals(generated.replace('$', '.')))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String name = named != null ? named[0] : fallbackName(generated);
            names.put(generated, name);
            schema.setName(name);
            renamed.put(name, schema);
        });
        api.getComponents().setSchemas(renamed);
        Consumer<Schema> rewrite = schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(SCHEMAS)) {
                String target = names.get(ref.substring(SCHEMAS.length()));
                if (target != null) {
                    schema.set$ref(SCHEMAS + target);
                }
            }
        };
        renamed.values().forEach(s -> walk(s, rewrite, 0));
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> walk(p.getSchema(), rewrite, 0));
                }
                if (op.getRequestBody() != null) {
                    walkContent(op.getRequestBody().getContent(), rewrite);
                }
                if (op.getResponses() != null) {
                    op.getResponses().values().forEach(resp -> walkContent(resp.getContent(), rewrite));
                }
            }));
        }
    }

    /** A type nobody named yet: its simple name, so that it shows up and the table gets it. */
    private static String fallbackName(String generated) {
        String simple = generated.substring(generated.lastIndexOf('.') + 1);
        return simple.replace("$", "");
    }

    private static void walkContent(Content content, Consumer<Schema> visit) {
        if (content != null) {
            content.values().forEach(media -> walk(media.getSchema(), visit, 0));
        }
    }

    @SuppressWarnings("unchecked")
    private static void walk(Schema<?> schema, Consumer<Schema> visit, int depth) {
        if (schema == null || depth > 20) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> walk(p, visit, depth + 1));
        }
        walk(schema.getItems(), visit, depth + 1);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, visit, depth + 1);
        }
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(c -> walk(c, visit, depth + 1));
            }
        }
    }

    private static Schema<?> problemSchema() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:ledger:problem:invalid-field");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "one or more fields are invalid");
        example.put("errors", Map.of("email", "must be an email address"));
        return new Schema<Object>().type("object")
                .description("An RFC 9457 problem: a stable type (urn:ledger:problem:<code>), the HTTP status, a"
                        + " detail that names the rule or field and never echoes input, and for invalid fields"
                        + " 'errors' (field -> message).")
                .addProperty("type", new StringSchema().format("uri").description("urn:ledger:problem:<code>"))
                .addProperty("title", new StringSchema().description("A short summary of the problem type"))
                .addProperty("status", new IntegerSchema().format("int32").description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What is wrong, without any input value"))
                .addProperty("errors", new ObjectSchema().additionalProperties(new StringSchema())
                        .description("Field or parameter -> what it must be"))
                .required(List.of("type", "title", "status"))
                .example(example);
    }

    private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", new String[] {"BadRequest", "Malformed JSON, an invalid field or parameter (every text"
                + " refuses U+0000 and ill-formed UTF-16; the field is named in errors)", "invalid-field"});
        ERRORS.put("401", new String[] {"Unauthorized", "No valid bearer token", "unauthenticated"});
        ERRORS.put("403", new String[] {"Forbidden", "The caller's role may not do this", "forbidden"});
        ERRORS.put("404", new String[] {"NotFound", "No such member or resource", "not-found"});
        ERRORS.put("406", new String[] {"NotAcceptable", "None of the accepted media types can be produced",
                "not-acceptable"});
        ERRORS.put("409", new String[] {"Conflict", "A conflict: username taken, a legal hold, an erased member",
                "username-taken"});
        ERRORS.put("410", new String[] {"Gone", "The member was erased: consent receipts are no longer given",
                "consent-receipt-gone"});
        ERRORS.put("413", new String[] {"PayloadTooLarge", "The body is larger than allowed", "payload-too-large"});
        ERRORS.put("415", new String[] {"UnsupportedMediaType", "The body is not application/json",
                "unsupported-media-type"});
        ERRORS.put("422", new String[] {"UnprocessableContent", "A rule refuses the request (e.g. a username change)"
                + " or an Idempotency-Key was reused with another body", "username-immutable"});
        ERRORS.put("500", new String[] {"InternalError", "An unexpected error; nothing of it is shown", "internal"});
        ERRORS.put("503", new String[] {"ServiceUnavailable", "The store, the master key or (for an erasure) the"
                + " erasure journal is unavailable; nothing was done; retry after Retry-After", "store-unavailable"});
    }

    private static void errorResponses(Components components) {
        ERRORS.forEach((status, error) -> {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", "urn:ledger:problem:" + error[2]);
            example.put("title", error[0].replaceAll("([a-z])([A-Z])", "$1 $2"));
            example.put("status", Integer.parseInt(status));
            example.put("detail", error[1]);
            components.addResponses(error[0], new ApiResponse().description(error[1]).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(SCHEMAS + "Problem"))
                            .example(example))));
        });
    }

    private static void describe(OpenAPI api, String key, String path, Operation operation) {
        String[] described = OPERATIONS.get(key);
        if (described != null) {
            operation.setTags(List.of(described[0]));
            operation.setSummary(described[1]);
            operation.setDescription(described[2]);
        }
        boolean body = operation.getRequestBody() != null;
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        if (path.contains("{") || NOT_FOUND.contains(key)) {
            statuses.add("404");
        }
        statuses.add("406");
        if (!key.startsWith("GET ")) {
            statuses.addAll(List.of("409", "422"));
        }
        if (body) {
            statuses.addAll(List.of("413", "415"));
        }
        if (GONE.contains(key)) {
            statuses.add("410");
        }
        statuses.addAll(List.of("500", "503"));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        String success = SUCCESS.get(key);
        if (success != null && responses.containsKey("200")) {
            ApiResponse answer = responses.remove("200");
            if ("204".equals(success)) {
                answer.setContent(null);
            }
            answer.setDescription(switch (success) {
                case "201" -> "Created";
                case "202" -> "Accepted";
                default -> "No content";
            });
            responses.put(success, answer);
            if (ALSO_OK.containsKey(key)) {
                responses.put("200", new ApiResponse().description(ALSO_OK.get(key)).content(answer.getContent()));
            }
        }
        for (String status : statuses) {
            responses.put(status, new ApiResponse().$ref("#/components/responses/" + ERRORS.get(status)[0]));
        }
        operation.setResponses(responses);
        if (body && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> {
                if (media.getExample() == null && media.getSchema() != null) {
                    media.setExample(example(api, media.getSchema(), 0));
                }
            });
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                response.getContent().forEach((type, media) -> {
                    if (media.getExample() == null && media.getSchema() != null && type.contains("json")) {
                        media.setExample(example(api, media.getSchema(), 0));
                    }
                });
            }
        });
    }

    /** An example value that satisfies the schema, built from its properties. */
    @SuppressWarnings("unchecked")
    static Object example(OpenAPI api, Schema<?> schema, int depth) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            Schema<?> target = api.getComponents().getSchemas().get(schema.get$ref().substring(SCHEMAS.length()));
            if (target == null) {
                return null;
            }
            return target.getExample() != null ? target.getExample() : depth > 6 ? null : example(api, target, depth + 1);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : null;
        String format = schema.getFormat();
        if (schema.getProperties() != null) {
            Map<String, Object> object = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> {
                boolean plain = property.get$ref() == null && property.getEnum() == null
                        && (property.getItems() == null || property.getItems().get$ref() == null)
                        && !(property.getAdditionalProperties() instanceof Schema<?>);
                Object value = PROPERTY_EXAMPLES.containsKey(name) && plain ? PROPERTY_EXAMPLES.get(name)
                        : example(api, property, depth + 1);
                if (value != null) {
                    object.put(name, value);
                }
            });
            return object;
        }
        if ("array".equals(type) || schema instanceof ArraySchema) {
            Object item = example(api, schema.getItems(), depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        if ("object".equals(type)) {
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                Object value = example(api, values, depth + 1);
                return value == null ? Map.of() : Map.of("newsletter", value);
            }
            return Map.of();
        }
        if ("integer".equals(type)) {
            return schema.getMinimum() != null ? schema.getMinimum().longValue() : 1;
        }
        if ("number".equals(type)) {
            return 1.5;
        }
        if ("boolean".equals(type)) {
            return true;
        }
        if ("string".equals(type)) {
            if ("uuid".equals(format)) {
                return "3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10";
            }
            if ("date-time".equals(format)) {
                return "2026-01-31T09:30:00Z";
            }
            if ("date".equals(format)) {
                return "2027-01-31";
            }
            if ("email".equals(format)) {
                return "ada@example.org";
            }
            if ("byte".equals(format)) {
                return "AAEC";
            }
            return "text";
        }
        return null;
    }
}
