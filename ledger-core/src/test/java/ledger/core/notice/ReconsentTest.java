package ledger.core.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** When a consent must be given again: the notice changed the purpose's description, legal basis or recipients. */
class ReconsentTest {

    static final String MEMBERSHIP = "portal-membership";
    static final String NEWSLETTER = "newsletter";
    static final NoticePurpose PORTAL = new NoticePurpose("the partner portal", "Consent (GDPR Art. 6(1)(a))");
    static final NoticePurpose LETTERS = new NoticePurpose("the newsletter", "Consent (GDPR Art. 6(1)(a))");
    static final NoticeRecipient IT = new NoticeRecipient("IT provider", "processor", List.of(MEMBERSHIP, NEWSLETTER),
            "EU/EEA", true);
    static final NoticeRecipient MAILER = new NoticeRecipient("Mailer", "processor", List.of(NEWSLETTER), "EU/EEA",
            true);

    static PrivacyNotice notice(String version, String effective, Map<String, NoticePurpose> purposes,
                                List<NoticeRecipient> recipients) {
        Instant from = Instant.parse(effective);
        return new PrivacyNotice(NoticeVersion.of(version), "en", "https://www.example.org/privacy/" + version,
                "text " + version, PrivacyNotice.sha256Of("text " + version), from, purposes, "three months",
                recipients, from);
    }

    static final PrivacyNotice V1 = notice("v1", "2019-01-05T00:00:00Z", Map.of(MEMBERSHIP, PORTAL, NEWSLETTER, LETTERS),
            List.of(IT));
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void a_consent_under_an_older_notice_that_described_the_purpose_otherwise_must_be_given_again() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z",
                Map.of(MEMBERSHIP, PORTAL, NEWSLETTER, new NoticePurpose("the newsletter and offers", "Consent")),
                List.of(IT));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isTrue();
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).as("the membership's terms did not change").isFalse();
        assertThat(rules.required(NEWSLETTER, "v2", NOW)).as("given under the notice in effect").isFalse();
        assertThat(rules.changedPurposes(v2)).containsExactly(NEWSLETTER);
    }

    @Test
    void a_changed_legal_basis_asks_for_fresh_consent() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z",
                Map.of(MEMBERSHIP, new NoticePurpose(PORTAL.description(), "Contract (GDPR Art. 6(1)(b))"),
                        NEWSLETTER, LETTERS),
                List.of(IT));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).isTrue();
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isFalse();
    }

    @Test
    void a_new_recipient_of_the_purpose_asks_for_fresh_consent_to_that_purpose_only() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z", V1.purposes(), List.of(IT, MAILER));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isTrue();
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).isFalse();
        assertThat(rules.changedPurposes(v2)).containsExactly(NEWSLETTER);
    }

    @Test
    void a_new_text_that_keeps_every_purposes_terms_asks_for_no_fresh_consent() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z", V1.purposes(), List.of(IT));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isFalse();
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).isFalse();
        assertThat(rules.changedPurposes(v2)).isEmpty();
    }

    @Test
    void a_consent_under_a_version_nobody_registered_must_always_be_given_again() {
        Reconsent rules = new Reconsent(List.of(V1));
        assertThat(rules.required(MEMBERSHIP, "2024-05", NOW)).isTrue();
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).isFalse();
    }

    @Test
    void the_notice_in_effect_is_the_latest_to_have_taken_effect_and_a_future_one_changes_nothing_yet() {
        PrivacyNotice future = notice("v3", "2027-01-01T00:00:00Z",
                Map.of(MEMBERSHIP, PORTAL, NEWSLETTER, new NoticePurpose("offers", "Consent")), List.of(IT));
        Reconsent rules = new Reconsent(List.of(future, V1));
        assertThat(rules.inEffect(NOW)).contains(V1);
        assertThat(rules.inEffect(Instant.parse("2018-01-01T00:00:00Z"))).isEmpty();
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isFalse();
        assertThat(rules.required(NEWSLETTER, "v1", Instant.parse("2027-01-02T00:00:00Z"))).isTrue();
        assertThat(rules.required(NEWSLETTER, "v1", Instant.parse("2018-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void a_consent_under_a_newer_notice_is_never_listed_for_an_older_one() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z",
                Map.of(MEMBERSHIP, PORTAL, NEWSLETTER, new NoticePurpose("offers", "Consent")), List.of(IT));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.requiredUnder(V1, NEWSLETTER, "v2")).isFalse();
        assertThat(rules.upToDate(V1)).containsEntry(NEWSLETTER, java.util.Set.of("v1", "v2"));
        assertThat(rules.upToDate(v2)).containsEntry(NEWSLETTER, java.util.Set.of("v2"))
                .containsEntry(MEMBERSHIP, java.util.Set.of("v1", "v2"));
    }

    @Test
    void a_purpose_the_new_notice_no_longer_describes_counts_as_changed() {
        PrivacyNotice v2 = notice("v2", "2026-01-01T00:00:00Z", Map.of(MEMBERSHIP, PORTAL), List.of(
                new NoticeRecipient("IT provider", "processor", List.of(MEMBERSHIP), "EU/EEA", true)));
        Reconsent rules = new Reconsent(List.of(V1, v2));
        assertThat(rules.required(NEWSLETTER, "v1", NOW)).isTrue();
        assertThat(rules.required(MEMBERSHIP, "v1", NOW))
                .as("the recipient's other purposes are no term of the membership").isFalse();
    }

    @Test
    void a_registered_version_is_found_by_its_version_and_an_unknown_one_is_not() {
        Reconsent rules = new Reconsent(List.of(V1));
        assertThat(rules.find(NoticeVersion.of("v1"))).contains(V1);
        assertThat(rules.find(NoticeVersion.of("v9"))).isEmpty();
    }

    @Test
    void a_notice_listed_twice_counts_as_one_registered_version() {
        Reconsent rules = new Reconsent(List.of(V1, V1));
        assertThat(rules.find(NoticeVersion.of("v1"))).contains(V1);
        assertThat(rules.required(MEMBERSHIP, "v1", NOW)).isFalse();
    }
}
