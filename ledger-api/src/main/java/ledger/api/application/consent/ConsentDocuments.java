package ledger.api.application.consent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.consent.ConsentTrail;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.shared.Actor;

/**
 * Builds the documents of one consent from the member's stored consent events (the evidence), the
 * registered notice the consent names, and the configured controller: the ISO/IEC TS 27560-shaped
 * consent record, the Kantara Consent Receipt 1.1 and the consent to a purpose at a moment. Each
 * event is named by its stored event id, its sequence number in the member's events and its leaf
 * in the verifiable log ({@code null} until the sequencer appended it, normally within a second).
 * Field mapping: docs/consent-records.md.
 */
@Component
public class ConsentDocuments {

    public static final String KANTARA_VERSION = "KI-CR-v1.1.0";
    public static final String RECORD_SCHEMA = "ISO/IEC TS 27560:2023 consent record (ledger profile v1)";

    /** A stored event that shows how a consent stands, and where the log proves it. */
    public record Evidence(String eventId, long sequence, String type, Instant at, Long leafIndex) {
    }

    /** The consent to a purpose at a moment (see {@link ConsentTrail#stateAt}). */
    public record ConsentStateAt(UUID memberId, String purpose, Instant at, boolean granted, UUID consentId,
                          String noticeVersion, String noticeSha256, Instant since, List<Evidence> evidence) {
    }

    /** An event of a consent's life: when, by whom, through which channel, and its leaf. */
    public record LifecycleEvent(String eventId, long sequence, String type, Instant at, Actor actor, String channel,
                          Long leafIndex) {
    }

    public record RecordController(String name, String contact, String email, String address) {
    }

    public record RecordPurpose(String name, String description, String legalBasis, List<String> personalDataCategories,
                         boolean primary) {
    }

    public record RecordNotice(String version, String sha256, String language, String url) {
    }

    public record RecordRecipient(String name, String role, String location, boolean insideEuEea) {
    }

    /**
     * One consent as an ISO/IEC TS 27560-shaped record: who (the member id), the controller, the
     * purpose with its legal basis and data categories, the notice and its hash, the recipients, the
     * method of collection, when and by whom, the state, its termination and the events of its life.
     */
    public record ConsentRecord(String schema, UUID recordId, UUID piiPrincipalId, RecordController controller,
                         RecordPurpose purpose, RecordNotice notice, List<RecordRecipient> recipients,
                         String collectionMethod, Actor collectedBy, Instant timestamp, String state,
                         Instant expiry, Instant terminatedAt, List<LifecycleEvent> events) {
    }

    /** The Kantara Consent Receipt 1.1 of one consent. */
    public record Receipt(String version, String jurisdiction, long consentTimestamp, String collectionMethod,
                   @JsonProperty("consentReceiptID") String consentReceiptID, String language,
                   String piiPrincipalId, List<PiiController> piiControllers, String policyUrl,
                   List<ReceiptService> services, boolean sensitive, List<String> spiCat) {
    }

    public record PiiController(String piiController, boolean onBehalf, String contact, ControllerAddress address,
                         String email, @JsonInclude(JsonInclude.Include.NON_NULL) String phone,
                         String piiControllerUrl) {
    }

    public record ControllerAddress(String streetAddress, String addressCountry) {
    }

    public record ReceiptService(String service, List<ReceiptPurpose> purposes) {
    }

    public record ReceiptPurpose(String purpose, List<String> purposeCategory, String consentType, List<String> piiCategory,
                          boolean primaryPurpose, String termination, boolean thirdPartyDisclosure,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String thirdPartyName) {
    }

    private final NoticeRegistry notices;
    private final TransparencyLog log;
    private final LedgerProperties ledger;

    ConsentDocuments(NoticeRegistry notices, TransparencyLog log, LedgerProperties ledger) {
        this.notices = notices;
        this.log = log;
        this.ledger = ledger;
    }

    public ConsentStateAt state(MemberId member, String purpose, Instant at, ConsentTrail trail) {
        ConsentTrail.StateAt state = trail.stateAt(purpose, at);
        return new ConsentStateAt(member.value(), purpose, at, state.granted(), state.consentId(),
                state.noticeVersion(), state.noticeSha256(), state.since(),
                state.evidence().stream().map(this::evidence).toList());
    }

    public ConsentRecord record(MemberId member, ConsentTrail.Lifecycle lifecycle) {
        ConsentGiven consent = lifecycle.consent();
        Optional<PrivacyNotice> notice = notice(consent);
        RecordOfProcessing.Controller controller = ledger.register().controller();
        LedgerProperties.ReceiptPurpose receiptPurpose = receiptPurpose(consent.purpose());
        NoticePurpose described = notice.map(n -> n.purposes().get(consent.purpose())).orElse(null);
        List<RecordRecipient> recipients = recipientsOf(notice, consent.purpose()).stream()
                .map(r -> new RecordRecipient(r.name(), r.role(), r.location(), r.insideEuEea())).toList();
        return new ConsentRecord(RECORD_SCHEMA, consent.consentId(), member.value(),
                new RecordController(controller.name(), ledger.consentReceipts().contact(), controller.email(),
                        controller.address()),
                new RecordPurpose(consent.purpose(), described == null ? null : described.description(),
                        described == null ? null : described.legalBasis(), receiptPurpose.piiCategories(),
                        receiptPurpose.primary()),
                new RecordNotice(consent.policyVersion(), consent.noticeSha256(), consent.language(),
                        notice.map(PrivacyNotice::url).orElse(null)),
                recipients, consent.channel(), consent.by(), consent.at(), lifecycle.state().name(), null,
                lifecycle.ended().map(ConsentTrail.Entry::at).orElse(null),
                lifecycle.events().stream().map(this::lifecycleEvent).toList());
    }

    public Receipt receipt(MemberId member, ConsentTrail.Lifecycle lifecycle) {
        ConsentGiven consent = lifecycle.consent();
        Optional<PrivacyNotice> notice = notice(consent);
        RecordOfProcessing.Controller controller = ledger.register().controller();
        LedgerProperties.ConsentReceipts settings = ledger.consentReceipts();
        LedgerProperties.ReceiptPurpose receiptPurpose = receiptPurpose(consent.purpose());
        NoticePurpose described = notice.map(n -> n.purposes().get(consent.purpose())).orElse(null);
        // processors act on the controller's behalf: they are recipients, not third parties (GDPR Art. 4(10))
        List<NoticeRecipient> thirdParties = recipientsOf(notice, consent.purpose()).stream()
                .filter(r -> !"processor".equals(r.role().toLowerCase(Locale.ROOT))).toList();
        ReceiptPurpose purpose = new ReceiptPurpose(described == null ? consent.purpose() : described.description(),
                receiptPurpose.categories(), settings.consentType(), receiptPurpose.piiCategories(),
                receiptPurpose.primary(), notice.map(PrivacyNotice::retention).orElse(null), !thirdParties.isEmpty(),
                thirdParties.isEmpty() ? null
                        : thirdParties.stream().map(NoticeRecipient::name).collect(Collectors.joining("; ")));
        PiiController piiController = new PiiController(controller.name(), false, settings.contact(),
                new ControllerAddress(controller.address(), settings.country()), controller.email(),
                settings.phone() == null || settings.phone().isBlank() ? null : settings.phone(),
                settings.controllerUrl());
        return new Receipt(KANTARA_VERSION, settings.jurisdiction(), consent.at().getEpochSecond(), consent.channel(),
                consent.consentId().toString(), consent.language() != null ? consent.language()
                        : notice.map(PrivacyNotice::language).orElse(null),
                member.toString(), List.of(piiController), notice.map(PrivacyNotice::url).orElse(null),
                List.of(new ReceiptService(settings.service(), List.of(purpose))), settings.sensitive(), List.of());
    }

    private Optional<PrivacyNotice> notice(ConsentGiven consent) {
        return NoticeVersion.isValid(consent.policyVersion())
                ? notices.find(NoticeVersion.of(consent.policyVersion())) : Optional.empty();
    }

    private static List<NoticeRecipient> recipientsOf(Optional<PrivacyNotice> notice, String purpose) {
        return notice.map(n -> n.recipientsOf(purpose)).orElse(List.of());
    }

    private LedgerProperties.ReceiptPurpose receiptPurpose(String purpose) {
        LedgerProperties.ReceiptPurpose configured = ledger.consentReceipts().purposes().get(purpose);
        return configured != null ? configured : new LedgerProperties.ReceiptPurpose(List.of(), List.of(), false);
    }

    private Evidence evidence(ConsentTrail.Entry entry) {
        return new Evidence(entry.eventId(), entry.sequence(), entry.type(), entry.at(), leafIndex(entry.eventId()));
    }

    private LifecycleEvent lifecycleEvent(ConsentTrail.Entry entry) {
        String channel = entry.event() instanceof ConsentGiven given ? given.channel()
                : entry.event() instanceof ConsentWithdrawn withdrawn && withdrawn.channel() != null
                ? withdrawn.channel().wire() : null;
        return new LifecycleEvent(entry.eventId(), entry.sequence(), entry.type(), entry.at(), entry.event().by(),
                channel, leafIndex(entry.eventId()));
    }

    private Long leafIndex(String eventId) {
        return log.leaf(eventId).map(TransparencyLog.Leaf::index).orElse(null);
    }
}
