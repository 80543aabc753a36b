package ledger.api.application.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.api.application.ApplicationFixtures;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.consent.ConsentTrail;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

class ConsentDocumentsTest {

    private static final MemberId MEMBER = MemberId.of(UUID.fromString("88888888-8888-8888-8888-888888888888"));
    private static final UUID NEWSLETTER = UUID.fromString("99999999-0000-0000-0000-000000000001");
    private static final UUID MEMBERSHIP = UUID.fromString("99999999-0000-0000-0000-000000000002");
    private static final UUID NEWSLETTER_AGAIN = UUID.fromString("99999999-0000-0000-0000-000000000003");
    private static final Actor PORTAL = new Actor("portal-client", "PORTAL");
    private static final Actor DPM = new Actor("dpm-client", "DPM");
    private static final Instant GIVEN_AT = Instant.parse("2025-02-03T10:00:00Z");
    private static final Instant WITHDRAWN_AT = Instant.parse("2025-05-06T11:00:00Z");
    private static final String SHA = "a".repeat(64);

    private static final RecordOfProcessing.Controller CONTROLLER = new RecordOfProcessing.Controller("Engines Ltd",
            "1 Main Street, Helsinki", "privacy@engines.example", "FI1234567");

    private static final PrivacyNotice V1 = new PrivacyNotice(NoticeVersion.of("2025-01"), "en",
            "https://engines.example/privacy/2025-01", "the text", SHA, Instant.parse("2025-01-01T00:00:00Z"),
            Map.of("newsletter", new NoticePurpose("Monthly news about the portal", "consent (GDPR Art. 6(1)(a))")),
            "until the consent is withdrawn",
            List.of(new NoticeRecipient("MailCo", "processor", List.of("newsletter"), "Finland", true),
                    new NoticeRecipient("Partner Oy", "third party", List.of("newsletter"), "Sweden", true),
                    new NoticeRecipient("HostCo", "Processor", List.of("newsletter", "portal-membership"), "Ireland",
                            true),
                    new NoticeRecipient("Ads Ltd", "controller", List.of("newsletter"), "Norway", false),
                    new NoticeRecipient("Auditors", "third party", List.of("portal-membership"), "Finland", true)),
            Instant.parse("2024-12-01T00:00:00Z"));

    private final NoticeRegistry notices = mock(NoticeRegistry.class);
    private final TransparencyLog log = mock(TransparencyLog.class);

    private static ConsentGiven given(UUID consentId, String purpose, String version, String language, Instant at) {
        return new ConsentGiven(MEMBER, consentId, purpose, version, SHA, language, "portal", PORTAL, at);
    }

    private static ConsentTrail.Entry entry(String eventId, long sequence, ledger.core.member.MemberEvent event) {
        return new ConsentTrail.Entry(eventId, sequence, event);
    }

    private static LedgerProperties properties(String phone) {
        return ApplicationFixtures.properties(Map.of(), null,
                new RecordOfProcessing(CONTROLLER, null, null, null, null, null, null, null, null, null, null,
                        null, null, false),
                new LedgerProperties.ConsentReceipts("FI", "partner portal", "Data Protection Manager", "FI", phone,
                        "https://engines.example", "EXPLICIT", true,
                        Map.of("newsletter", new LedgerProperties.ReceiptPurpose(List.of("Marketing", "News"),
                                List.of("contact data"), false),
                                "portal-membership", new LedgerProperties.ReceiptPurpose(List.of("Core Function"),
                                        List.of("identity", "contact data"), true))),
                null);
    }

    private ConsentDocuments documents(String phone) {
        return new ConsentDocuments(notices, log, properties(phone));
    }

    private final ConsentDocuments documents = documents("+358 40 123 4567");

    @BeforeEach
    void setUp() {
        when(notices.find(NoticeVersion.of("2025-01"))).thenReturn(Optional.of(V1));
        when(notices.find(NoticeVersion.of("2019-01"))).thenReturn(Optional.empty());
        when(log.leaf(anyString())).thenReturn(Optional.empty());
        when(log.leaf("e-given")).thenReturn(Optional.of(new TransparencyLog.Leaf(17, "e-given", 170, new byte[32])));
        when(log.leaf("e-withdrawn")).thenReturn(Optional.of(new TransparencyLog.Leaf(21, "e-withdrawn", 210, new byte[32])));
    }

    private static ConsentTrail withdrawnTrail(WithdrawalChannel channel) {
        return new ConsentTrail(List.of(
                entry("e-membership", 1, given(MEMBERSHIP, "portal-membership", "2025-01", "en", GIVEN_AT)),
                entry("e-given", 2, given(NEWSLETTER, "newsletter", "2025-01", "fi", GIVEN_AT.plusSeconds(1))),
                entry("e-withdrawn", 3, new ConsentWithdrawn(MEMBER, NEWSLETTER, "newsletter", "2025-01", channel, DPM,
                        WITHDRAWN_AT))));
    }

    @Test
    void the_state_at_a_moment_names_the_consent_in_force_and_each_event_with_its_leaf() {
        ConsentTrail trail = withdrawnTrail(WithdrawalChannel.EMAIL);
        Instant at = Instant.parse("2025-03-01T00:00:00Z");

        ConsentDocuments.ConsentStateAt state = documents.state(MEMBER, "newsletter", at, trail);

        assertThat(state).isEqualTo(new ConsentDocuments.ConsentStateAt(MEMBER.value(), "newsletter", at, true,
                NEWSLETTER, "2025-01", SHA, GIVEN_AT.plusSeconds(1), List.of(new ConsentDocuments.Evidence("e-given", 2,
                        "ConsentGiven", GIVEN_AT.plusSeconds(1), 17L))));
    }

    @Test
    void the_state_after_a_withdrawal_is_not_granted_and_shows_the_withdrawal_too() {
        ConsentTrail trail = withdrawnTrail(WithdrawalChannel.EMAIL);
        Instant at = Instant.parse("2025-06-01T00:00:00Z");

        ConsentDocuments.ConsentStateAt state = documents.state(MEMBER, "newsletter", at, trail);

        assertThat(state.granted()).isFalse();
        assertThat(state.since()).isEqualTo(WITHDRAWN_AT);
        assertThat(state.evidence()).containsExactly(
                new ConsentDocuments.Evidence("e-given", 2, "ConsentGiven", GIVEN_AT.plusSeconds(1), 17L),
                new ConsentDocuments.Evidence("e-withdrawn", 3, "ConsentWithdrawn", WITHDRAWN_AT, 21L));
    }

    @Test
    void an_event_the_sequencer_has_not_appended_yet_shows_no_leaf() {
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-new", 1, given(NEWSLETTER, "newsletter", "2025-01", "en", GIVEN_AT))));

        ConsentDocuments.ConsentStateAt state = documents.state(MEMBER, "newsletter", WITHDRAWN_AT, trail);

        assertThat(state.evidence()).containsExactly(
                new ConsentDocuments.Evidence("e-new", 1, "ConsentGiven", GIVEN_AT, null));
    }

    @Test
    void a_withdrawn_consent_record_names_controller_purpose_notice_recipients_and_both_events() {
        ConsentTrail trail = withdrawnTrail(WithdrawalChannel.EMAIL);

        ConsentDocuments.ConsentRecord record = documents.record(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(record).isEqualTo(new ConsentDocuments.ConsentRecord(ConsentDocuments.RECORD_SCHEMA, NEWSLETTER,
                MEMBER.value(),
                new ConsentDocuments.RecordController("Engines Ltd", "Data Protection Manager",
                        "privacy@engines.example", "1 Main Street, Helsinki"),
                new ConsentDocuments.RecordPurpose("newsletter", "Monthly news about the portal",
                        "consent (GDPR Art. 6(1)(a))", List.of("contact data"), false),
                new ConsentDocuments.RecordNotice("2025-01", SHA, "fi", "https://engines.example/privacy/2025-01"),
                List.of(new ConsentDocuments.RecordRecipient("MailCo", "processor", "Finland", true),
                        new ConsentDocuments.RecordRecipient("Partner Oy", "third party", "Sweden", true),
                        new ConsentDocuments.RecordRecipient("HostCo", "Processor", "Ireland", true),
                        new ConsentDocuments.RecordRecipient("Ads Ltd", "controller", "Norway", false)),
                "portal", PORTAL, GIVEN_AT.plusSeconds(1), "WITHDRAWN", null, WITHDRAWN_AT,
                List.of(new ConsentDocuments.LifecycleEvent("e-given", 2, "ConsentGiven", GIVEN_AT.plusSeconds(1), PORTAL,
                                "portal", 17L),
                        new ConsentDocuments.LifecycleEvent("e-withdrawn", 3, "ConsentWithdrawn", WITHDRAWN_AT, DPM,
                                "email", 21L))));
    }

    @Test
    void a_withdrawal_recorded_before_channels_were_kept_shows_no_channel() {
        ConsentTrail trail = withdrawnTrail(null);

        ConsentDocuments.ConsentRecord record = documents.record(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(record.events()).extracting(ConsentDocuments.LifecycleEvent::channel).containsExactly("portal", null);
    }

    @Test
    void a_consent_ended_by_the_erasure_shows_the_erasure_without_a_channel() {
        Instant erasedAt = Instant.parse("2025-09-09T09:00:00Z");
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-given", 1, given(NEWSLETTER, "newsletter", "2025-01", "fi", GIVEN_AT)),
                entry("e-erased", 2, new MemberErased(MEMBER, ErasureGround.MEMBER_REQUEST, DPM, erasedAt))));

        ConsentDocuments.ConsentRecord record = documents.record(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(record.state()).isEqualTo("ERASED");
        assertThat(record.terminatedAt()).isEqualTo(erasedAt);
        assertThat(record.events()).containsExactly(
                new ConsentDocuments.LifecycleEvent("e-given", 1, "ConsentGiven", GIVEN_AT, PORTAL, "portal", 17L),
                new ConsentDocuments.LifecycleEvent("e-erased", 2, "MemberErased", erasedAt, DPM, null, null));
    }

    @Test
    void an_active_consent_under_a_version_nobody_registered_has_no_notice_details_and_no_termination() {
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-given", 1, given(MEMBERSHIP, "portal-membership", "2019-01", "en", GIVEN_AT))));

        ConsentDocuments.ConsentRecord record = documents.record(MEMBER, trail.lifecycle(MEMBERSHIP).orElseThrow());

        assertThat(record.purpose()).isEqualTo(new ConsentDocuments.RecordPurpose("portal-membership", null, null,
                List.of("identity", "contact data"), true));
        assertThat(record.notice()).isEqualTo(new ConsentDocuments.RecordNotice("2019-01", SHA, "en", null));
        assertThat(record.recipients()).isEmpty();
        assertThat(record.state()).isEqualTo("ACTIVE");
        assertThat(record.terminatedAt()).isNull();
        assertThat(record.expiry()).isNull();
        assertThat(record.events()).hasSize(1);
    }

    @Test
    void a_consent_naming_a_malformed_version_is_not_looked_up_in_the_registry() {
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-given", 1, given(MEMBERSHIP, "unconfigured", "not a version!", null, GIVEN_AT))));
        NoticeRegistry untouched = mock(NoticeRegistry.class);
        ConsentDocuments strict = new ConsentDocuments(untouched, log, properties(null));

        ConsentDocuments.ConsentRecord record = strict.record(MEMBER, trail.lifecycle(MEMBERSHIP).orElseThrow());
        ConsentDocuments.Receipt receipt = strict.receipt(MEMBER, trail.lifecycle(MEMBERSHIP).orElseThrow());

        verifyNoInteractions(untouched);
        assertThat(record.purpose()).isEqualTo(new ConsentDocuments.RecordPurpose("unconfigured", null, null,
                List.of(), false));
        assertThat(receipt.services().get(0).purposes().get(0)).isEqualTo(new ConsentDocuments.ReceiptPurpose(
                "unconfigured", List.of(), "EXPLICIT", List.of(), false, null, false, null));
        assertThat(receipt.language()).isNull();
        assertThat(receipt.policyUrl()).isNull();
    }

    @Test
    void a_receipt_is_the_kantara_receipt_with_third_parties_but_not_processors() {
        ConsentTrail trail = withdrawnTrail(WithdrawalChannel.EMAIL);

        ConsentDocuments.Receipt receipt = documents.receipt(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(receipt).isEqualTo(new ConsentDocuments.Receipt("KI-CR-v1.1.0", "FI",
                GIVEN_AT.plusSeconds(1).getEpochSecond(), "portal", NEWSLETTER.toString(), "fi", MEMBER.toString(),
                List.of(new ConsentDocuments.PiiController("Engines Ltd", false, "Data Protection Manager",
                        new ConsentDocuments.ControllerAddress("1 Main Street, Helsinki", "FI"),
                        "privacy@engines.example", "+358 40 123 4567", "https://engines.example")),
                "https://engines.example/privacy/2025-01",
                List.of(new ConsentDocuments.ReceiptService("partner portal", List.of(
                        new ConsentDocuments.ReceiptPurpose("Monthly news about the portal", List.of("Marketing", "News"),
                                "EXPLICIT", List.of("contact data"), false, "until the consent is withdrawn", true,
                                "Partner Oy; Ads Ltd")))),
                true, List.of()));
    }

    @Test
    void a_purpose_with_only_processors_and_no_description_in_the_notice_discloses_to_no_third_party() {
        PrivacyNotice bare = new PrivacyNotice(NoticeVersion.of("2025-07"), "sv", "https://engines.example/sv", "t",
                SHA, Instant.parse("2025-07-01T00:00:00Z"), Map.of(), null,
                List.of(new NoticeRecipient("HostCo", "PROCESSOR", List.of("portal-membership"), "Ireland", true)),
                Instant.parse("2025-06-01T00:00:00Z"));
        when(notices.find(NoticeVersion.of("2025-07"))).thenReturn(Optional.of(bare));
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-given", 1, given(MEMBERSHIP, "portal-membership", "2025-07", null, GIVEN_AT))));

        ConsentDocuments.Receipt receipt = documents.receipt(MEMBER, trail.lifecycle(MEMBERSHIP).orElseThrow());

        assertThat(receipt.language()).isEqualTo("sv");
        assertThat(receipt.policyUrl()).isEqualTo("https://engines.example/sv");
        assertThat(receipt.services().get(0).purposes()).containsExactly(new ConsentDocuments.ReceiptPurpose(
                "portal-membership", List.of("Core Function"), "EXPLICIT", List.of("identity", "contact data"), true,
                null, false, null));
    }

    @Test
    void a_receipt_gives_no_phone_when_none_or_a_blank_one_is_configured() {
        ConsentTrail trail = withdrawnTrail(WithdrawalChannel.PORTAL);

        ConsentDocuments.Receipt none = documents(null).receipt(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());
        ConsentDocuments.Receipt blank = documents("  ").receipt(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(none.piiControllers().get(0).phone()).isNull();
        assertThat(blank.piiControllers().get(0).phone()).isNull();
        assertThat(none.piiControllers().get(0).piiController()).isEqualTo("Engines Ltd");
    }

    @Test
    void a_consent_under_a_version_the_registry_does_not_hold_gives_a_receipt_without_notice_details() {
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-given", 1, given(NEWSLETTER, "newsletter", "2019-01", "de", GIVEN_AT))));

        ConsentDocuments.Receipt receipt = documents.receipt(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow());

        assertThat(receipt.language()).isEqualTo("de");
        assertThat(receipt.policyUrl()).isNull();
        assertThat(receipt.services().get(0).purposes()).containsExactly(new ConsentDocuments.ReceiptPurpose(
                "newsletter", List.of("Marketing", "News"), "EXPLICIT", List.of("contact data"), false, null, false,
                null));
    }

    @Test
    void any_leaf_lookup_goes_to_the_log_by_event_id() {
        when(log.leaf(any())).thenReturn(Optional.of(new TransparencyLog.Leaf(3, "x", 4, new byte[32])));
        ConsentTrail trail = new ConsentTrail(List.of(
                entry("e-other", 1, given(NEWSLETTER, "newsletter", "2025-01", "en", GIVEN_AT))));

        assertThat(documents.record(MEMBER, trail.lifecycle(NEWSLETTER).orElseThrow()).events())
                .extracting(ConsentDocuments.LifecycleEvent::leafIndex).containsExactly(3L);
    }
}
