package ledger.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.notice.NoticeRefusals.NoSuchNotice;
import ledger.core.notice.NoticeRefusals.NoticeConflict;
import ledger.core.notice.NoticeRefusals.RecipientPurposeNotInNotice;
import ledger.core.notice.NoticeRefusals.UnknownNotice;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.purpose.PurposeCatalog.UnknownPurpose;
import ledger.core.shared.Actor;

/** The notice registry: a version is registered once, by the hash of its text, and never changes. */
class NoticeRulesTest {

    static final Actor DPM = new Actor("dpm", "DPM");
    static final NoticeVersion V1 = NoticeVersion.of("2026-01");
    static final String TEXT = "Privacy notice.\nWe keep your data three months after you leave.";
    static final Instant EFFECTIVE = Instant.parse("2026-01-01T00:00:00Z");
    static final Map<String, NoticePurpose> PURPOSES = Map.of(
            "portal-membership", new NoticePurpose("the partner portal", "Consent (GDPR Art. 6(1)(a))"),
            "newsletter", new NoticePurpose("the newsletter", "Consent (GDPR Art. 6(1)(a))"));
    static final List<NoticeRecipient> RECIPIENTS = List.of(
            new NoticeRecipient("IT provider", "processor", List.of("portal-membership", "newsletter"), "EU/EEA", true));

    private InMemoryNoticeRegistry registry;
    private AggregateTestFixture<Notice> fixture;

    @BeforeEach
    void setUp() {
        registry = new InMemoryNoticeRegistry();
        fixture = new AggregateTestFixture<>(Notice.class);
        fixture.registerInjectableResource(PurposeCatalog.defaults());
        fixture.registerAnnotatedCommandHandler(new NoticeRegistration(fixture.getRepository(), registry));
    }

    static RegisterNotice register(NoticeVersion version, String text) {
        return new RegisterNotice(version, "en", "https://www.example.org/privacy", text, EFFECTIVE, PURPOSES,
                "three months after the membership ends", RECIPIENTS, DPM);
    }

    @Test
    void registering_a_notice_records_its_text_and_the_sha256_of_the_text() {
        String sha256 = PrivacyNotice.sha256Of(TEXT);
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof NoticeRegistered r && r.version().equals(V1) && r.text().equals(TEXT)
                                && r.sha256().equals(sha256) && r.language().equals("en")
                                && r.effectiveFrom().equals(EFFECTIVE) && r.purposes().equals(PURPOSES)
                                && r.recipients().equals(RECIPIENTS) && r.by().equals(DPM)),
                        andNoMore())))
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Result result
                        && result.registered() && result.notice().sha256().equals(sha256)));
        assertThat(registry.find(V1)).get().extracting(PrivacyNotice::sha256).isEqualTo(sha256);
    }

    @Test
    void the_sha256_is_the_lowercase_hex_of_the_utf8_text() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(PrivacyNotice.sha256Of("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(PrivacyNotice.sha256Of("Göteborg")).isNotEqualTo(PrivacyNotice.sha256Of("Goteborg"));
    }

    @Test
    void registering_a_version_again_with_the_same_content_records_nothing_and_answers_the_registered_notice() {
        registry.insert(new PrivacyNotice(V1, "en", "https://www.example.org/privacy", TEXT,
                PrivacyNotice.sha256Of(TEXT), EFFECTIVE, PURPOSES, "three months after the membership ends",
                RECIPIENTS, EFFECTIVE));
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Result result
                        && !result.registered() && result.notice().registeredAt().equals(EFFECTIVE)));
    }

    @Test
    void registering_a_version_again_with_another_text_is_refused() {
        registry.insert(new PrivacyNotice(V1, "en", "https://www.example.org/privacy", TEXT,
                PrivacyNotice.sha256Of(TEXT), EFFECTIVE, PURPOSES, "three months after the membership ends",
                RECIPIENTS, EFFECTIVE));
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT + " Changed."))
                .expectException(NoticeConflict.class)
                .expectNoEvents();
        assertThat(registry.find(V1)).get().extracting(PrivacyNotice::text).isEqualTo(TEXT);
    }

    @Test
    void registering_a_version_again_with_other_terms_is_refused_too() {
        registry.insert(new PrivacyNotice(V1, "en", "https://www.example.org/privacy", TEXT,
                PrivacyNotice.sha256Of(TEXT), EFFECTIVE, PURPOSES, "three months after the membership ends",
                List.of(), EFFECTIVE));
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT))
                .expectException(NoticeConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_notice_may_describe_configured_purposes_only() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNotice(V1, "en", "https://www.example.org/privacy", TEXT, EFFECTIVE,
                        Map.of("profiling", new NoticePurpose("profiles", "Consent")), "none", List.of(), DPM))
                .expectException(UnknownPurpose.class)
                .expectNoEvents();
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void a_recipient_may_be_named_for_the_notices_own_purposes_only() {
        fixture.givenNoPriorActivity()
                .when(new RegisterNotice(V1, "en", "https://www.example.org/privacy", TEXT, EFFECTIVE,
                        Map.of("portal-membership", new NoticePurpose("the partner portal", "Consent")), "none",
                        RECIPIENTS, DPM))
                .expectException(RecipientPurposeNotInNotice.class)
                .expectNoEvents();
    }

    @Test
    void a_consent_names_a_registered_version_or_is_refused_as_an_unknown_notice() {
        registry.insert(new PrivacyNotice(V1, "sv", "https://www.example.org/privacy", TEXT,
                PrivacyNotice.sha256Of(TEXT), EFFECTIVE, PURPOSES, "three months", RECIPIENTS, EFFECTIVE));
        ConsentNotice notice = registry.consentNotice("2026-01");
        assertThat(notice.sha256()).isEqualTo(PrivacyNotice.sha256Of(TEXT));
        assertThat(notice.language()).isEqualTo("sv");
        assertThat(notice.purposes()).containsExactlyInAnyOrder("portal-membership", "newsletter");
        assertThatThrownBy(() -> registry.consentNotice("totally-made-up-v99")).isInstanceOf(UnknownNotice.class);
        assertThatThrownBy(() -> registry.consentNotice("not a version")).isInstanceOf(UnknownNotice.class);
        assertThatThrownBy(() -> registry.consentNotice(null)).isInstanceOf(UnknownNotice.class);
        assertThat(new NoSuchNotice().details().code()).isEqualTo("unknown-notice");
    }

    private void registered(NoticeVersion version, String language, java.time.Instant effective) {
        registry.insert(new PrivacyNotice(version, language, "https://www.example.org/privacy", TEXT + version,
                PrivacyNotice.sha256Of(TEXT + version), effective, PURPOSES, "three months", RECIPIENTS, EFFECTIVE));
    }

    @Test
    void a_version_is_superseded_from_the_moment_a_later_version_takes_effect() {
        registered(V1, "en", EFFECTIVE);
        java.time.Instant later = EFFECTIVE.plus(java.time.Duration.ofDays(30));
        registered(NoticeVersion.of("2026-02"), "en", later);
        ConsentNotice first = registry.consentNotice(V1.value());
        assertThat(first.supersededFrom()).isEqualTo(later);
        first.requireCovers("newsletter", later.minusSeconds(1));
        assertThatThrownBy(() -> first.requireCovers("newsletter", later))
                .isInstanceOf(NoticeRefusals.NoticeSuperseded.class)
                .satisfies(e -> assertThat(((NoticeRefusals.NoticeSuperseded) e).details().code())
                        .isEqualTo("notice-superseded"));
        assertThat(registry.consentNotice("2026-02").supersededFrom()).as("the latest is superseded by nothing")
                .isNull();
    }

    @Test
    void a_translation_is_recorded_with_the_sha256_of_its_text_and_a_consent_in_it_records_that_hash() {
        registered(V1, "en", EFFECTIVE);
        fixture.given(new NoticeRegistered(V1, "en", "https://www.example.org/privacy", TEXT + V1,
                        PrivacyNotice.sha256Of(TEXT + V1), EFFECTIVE, PURPOSES, "three months", RECIPIENTS, DPM, EFFECTIVE))
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof NoticeTranslated t && t.language().equals("sv")
                                && t.sha256().equals(PrivacyNotice.sha256Of("Integritetspolicy.")) && t.by().equals(DPM)),
                        andNoMore())));
        ConsentNotice swedish = registry.consentNotice(V1.value(), "sv");
        assertThat(swedish.language()).isEqualTo("sv");
        assertThat(swedish.sha256()).isEqualTo(PrivacyNotice.sha256Of("Integritetspolicy."));
        assertThat(registry.consentNotice(V1.value(), "en").sha256()).isEqualTo(PrivacyNotice.sha256Of(TEXT + V1));
        assertThatThrownBy(() -> registry.consentNotice(V1.value(), "de"))
                .isInstanceOf(NoticeRefusals.UnknownNoticeLanguage.class);
    }

    @Test
    void a_translation_never_changes_and_the_notice_s_own_language_is_not_one() {
        registered(V1, "en", EFFECTIVE);
        registry.insertTranslation(new NoticeTranslation(V1, "sv", "Integritetspolicy.",
                PrivacyNotice.sha256Of("Integritetspolicy."), EFFECTIVE));
        NoticeRegistered notice = new NoticeRegistered(V1, "en", "https://www.example.org/privacy", TEXT + V1,
                PrivacyNotice.sha256Of(TEXT + V1), EFFECTIVE, PURPOSES, "three months", RECIPIENTS, DPM, EFFECTIVE);
        fixture.given(notice)
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(notice)
                .when(new TranslateNotice(V1, "sv", "Annan text.", DPM))
                .expectException(NoticeRefusals.TranslationConflict.class)
                .expectNoEvents();
        fixture.given(notice)
                .when(new TranslateNotice(V1, "en", "Another English text.", DPM))
                .expectException(NoticeRefusals.TranslationConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_notice_version_is_never_a_uuid_and_never_free_text() {
        assertThat(NoticeVersion.isValid("2019-01-05")).isTrue();
        assertThat(NoticeVersion.isValid("r1")).isTrue();
        assertThat(NoticeVersion.isValid(java.util.UUID.randomUUID().toString())).isFalse();
        assertThat(NoticeVersion.isValid("v 1")).isFalse();
        assertThat(NoticeVersion.isValid("-v1")).isFalse();
        assertThat(NoticeVersion.isValid("")).isFalse();
    }

    @Test
    void translating_answers_the_translation_it_registered_and_a_repetition_the_one_registered_before() {
        registered(V1, "en", EFFECTIVE);
        NoticeRegistered notice = new NoticeRegistered(V1, "en", "https://www.example.org/privacy", TEXT + V1,
                PrivacyNotice.sha256Of(TEXT + V1), EFFECTIVE, PURPOSES, "three months", RECIPIENTS, DPM, EFFECTIVE);
        fixture.given(notice)
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Translated t
                        && t.registered() && t.translation().language().equals("sv")
                        && t.translation().sha256().equals(PrivacyNotice.sha256Of("Integritetspolicy."))));
        Instant first = registry.translation(V1, "sv").orElseThrow().registeredAt();
        fixture.given(notice)
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Translated t
                        && !t.registered() && t.translation().registeredAt().equals(first)));
    }

    @Test
    void each_refusal_about_a_request_field_names_that_field() {
        assertThat(new UnknownNotice().details().field()).isEqualTo("policyVersion");
        assertThat(new NoticeRefusals.NoticeSuperseded().details().field()).isEqualTo("policyVersion");
        assertThat(new NoticeRefusals.UnknownNoticeLanguage().details().field()).isEqualTo("language");
        assertThat(new NoticeRefusals.PurposeNotInNotice().details().field()).isEqualTo("purpose");
        assertThat(new NoticeConflict().details().field()).isEqualTo("version");
        assertThat(new RecipientPurposeNotInNotice().details().field()).isEqualTo("recipients");
        assertThat(new NoticeRefusals.TranslationConflict("why").details().field()).isNull();
        assertThat(new NoSuchNotice().details().field()).isNull();
    }
}
