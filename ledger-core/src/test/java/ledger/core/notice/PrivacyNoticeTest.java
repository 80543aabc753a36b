package ledger.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ledger.core.shared.Actor;

/** The notice's values: what is absent reads as empty, what a consent carries, and their order. */
class PrivacyNoticeTest {

    static final Instant EFFECTIVE = Instant.parse("2026-01-01T00:00:00Z");
    static final Map<String, NoticePurpose> PURPOSES = Map.of(
            "portal-membership", new NoticePurpose("the partner portal", "Consent (GDPR Art. 6(1)(a))"),
            "newsletter", new NoticePurpose("the newsletter", "Consent (GDPR Art. 6(1)(a))"));

    static PrivacyNotice notice(String version, Map<String, NoticePurpose> purposes, List<NoticeRecipient> recipients) {
        return new PrivacyNotice(NoticeVersion.of(version), "en", "https://www.example.org/privacy", "text " + version,
                PrivacyNotice.sha256Of("text " + version), EFFECTIVE, purposes, "three months", recipients, EFFECTIVE);
    }

    @Test
    void a_notice_without_purposes_or_recipients_describes_and_names_none() {
        PrivacyNotice notice = notice("v1", null, null);
        assertThat(notice.purposes()).isEmpty();
        assertThat(notice.recipients()).isEmpty();
        assertThat(notice.terms("newsletter")).isNull();
    }

    @Test
    void a_registration_a_recipient_and_a_consent_notice_without_lists_carry_empty_ones() {
        RegisterNotice register = new RegisterNotice(NoticeVersion.of("v1"), "en", "https://www.example.org/privacy",
                "text", null, null, "three months", null, new Actor("dpm", "DPM"));
        assertThat(register.effectiveFrom()).isNull();
        assertThat(register.purposes()).isEmpty();
        assertThat(register.recipients()).isEmpty();
        assertThat(new NoticeRecipient("IT provider", "processor", null, "EU/EEA", true).purposes()).isEmpty();
        assertThat(new ConsentNotice(NoticeVersion.of("v1"), "sha", "en", EFFECTIVE, null).purposes()).isEmpty();
    }

    @Test
    void a_registration_keeps_the_effective_instant_to_the_microsecond() {
        RegisterNotice register = new RegisterNotice(NoticeVersion.of("v1"), "en", "https://www.example.org/privacy",
                "text", Instant.parse("2026-01-01T00:00:00.123456789Z"), PURPOSES, "three months", List.of(),
                new Actor("dpm", "DPM"));
        assertThat(register.effectiveFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void a_consent_under_a_notice_carries_its_version_hash_language_start_and_purposes() {
        PrivacyNotice notice = notice("v1", PURPOSES, List.of());
        assertThat(notice.consentNotice()).isEqualTo(new ConsentNotice(NoticeVersion.of("v1"),
                PrivacyNotice.sha256Of("text v1"), "en", EFFECTIVE, Set.of("newsletter", "portal-membership"), null));
    }

    @Test
    void notices_taking_effect_and_registered_at_the_same_instant_are_ordered_by_version() {
        PrivacyNotice a = notice("a1", PURPOSES, List.of());
        PrivacyNotice b = notice("b1", PURPOSES, List.of());
        assertThat(PrivacyNotice.CHRONOLOGICAL.compare(a, b)).isNegative();
        assertThat(Stream.of(b, a).sorted(PrivacyNotice.CHRONOLOGICAL).toList()).containsExactly(a, b);
        assertThat(new Reconsent(List.of(b, a)).inEffect(EFFECTIVE)).contains(b);
    }

    @Test
    void a_malformed_version_is_refused_when_it_is_built() {
        assertThatThrownBy(() -> NoticeVersion.of("v 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeVersion.of(UUID.randomUUID().toString()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoticeVersion.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NoticeVersion.of("2019-01-05").toString()).isEqualTo("2019-01-05");
    }
}
