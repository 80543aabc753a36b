package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.MEMBERSHIP_CONSENT;
import static ledger.core.member.MemberFixtures.PORTAL;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.newsletterConsent;
import static ledger.core.member.MemberFixtures.notice;
import static ledger.core.member.MemberFixtures.register;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.notice.ConsentNotice;
import ledger.core.notice.NoticeRefusals.PurposeNotInNotice;
import ledger.core.notice.NoticeRefusals.UnknownNotice;
import ledger.core.notice.NoticeVersion;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/** Consent as evidence (GDPR Art. 7(1)): what a consent rests on, how a withdrawal came, who acted. */
class ConsentEvidenceRulesTest {

    private InMemoryUsernames usernames;
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        usernames = new InMemoryUsernames();
        fixture = MemberFixtures.fixture(usernames, new InMemoryKeyVault(), List.of());
    }

    /** A notice of the version that takes effect one day after the fixture's clock. */
    private ConsentNotice notYetInEffect(String version) {
        return new ConsentNotice(NoticeVersion.of(version), MemberFixtures.sha256(version), "en",
                fixture.currentTime().plus(1, ChronoUnit.DAYS), Set.of(PurposeCatalog.MEMBERSHIP, PurposeCatalog.NEWSLETTER));
    }

    @Test
    void a_consent_records_the_notice_version_the_sha256_of_its_text_and_its_language() {
        ConsentNotice swedish = new ConsentNotice(NoticeVersion.of("2026-02"), MemberFixtures.sha256("2026-02"), "sv",
                MemberFixtures.NOTICES_EFFECTIVE, Set.of(PurposeCatalog.MEMBERSHIP, PurposeCatalog.NEWSLETTER));
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", swedish, "email", PORTAL))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ConsentGiven c && c.policyVersion().equals("2026-02")
                                && c.noticeSha256().equals(MemberFixtures.sha256("2026-02"))
                                && c.language().equals("sv") && c.channel().equals("email")),
                        andNoMore())));
    }

    @Test
    void a_consent_under_a_notice_not_yet_in_effect_is_refused_as_an_unknown_notice() {
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", notYetInEffect("2099-01"), "portal", PORTAL))
                .expectException(UnknownNotice.class)
                .expectNoEvents();
    }

    @Test
    void a_notice_takes_effect_at_the_instant_it_names() {
        ConsentNotice fromNow = new ConsentNotice(NoticeVersion.of("2026-03"), MemberFixtures.sha256("2026-03"), "en",
                fixture.currentTime(), Set.of(PurposeCatalog.MEMBERSHIP, PurposeCatalog.NEWSLETTER));
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", fromNow, "portal", PORTAL))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_consent_under_a_superseded_notice_is_refused_and_records_nothing() {
        ConsentNotice superseded = new ConsentNotice(NoticeVersion.of("2024-05"), MemberFixtures.sha256("2024-05"), "en",
                MemberFixtures.NOTICES_EFFECTIVE, Set.of(PurposeCatalog.MEMBERSHIP, PurposeCatalog.NEWSLETTER),
                fixture.currentTime().minusSeconds(1));
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", superseded, "portal", PORTAL))
                .expectException(ledger.core.notice.NoticeRefusals.NoticeSuperseded.class)
                .expectNoEvents();
    }

    @Test
    void a_consent_to_a_purpose_the_notice_does_not_describe_is_refused() {
        ConsentNotice membershipOnly = new ConsentNotice(NoticeVersion.of("2026-04"), MemberFixtures.sha256("2026-04"),
                "en", MemberFixtures.NOTICES_EFFECTIVE, Set.of(PurposeCatalog.MEMBERSHIP));
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", membershipOnly, "portal", PORTAL))
                .expectException(PurposeNotInNotice.class)
                .expectNoEvents();
    }

    @Test
    void a_registration_under_a_notice_not_yet_in_effect_is_refused_and_claims_no_username() {
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(new RegisterMember.ConsentRequest("portal-membership",
                        notYetInEffect("2099-01"), "portal"))))
                .expectException(UnknownNotice.class)
                .expectNoEvents();
        assertThat(usernames.taken("ada")).isFalse();
    }

    @Test
    void giving_consent_again_under_a_new_notice_records_the_new_notice() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new GiveConsent(ID, "newsletter", notice("2025-01"), "portal", PORTAL))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ConsentGiven c && c.policyVersion().equals("2025-01")
                                && c.noticeSha256().equals(MemberFixtures.sha256("2025-01"))
                                && !c.consentId().equals(newsletterConsent("2024-05").consentId())),
                        andNoMore())));
    }

    @Test
    void a_withdrawal_records_the_channel_it_reached_the_company_through() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new WithdrawConsent(ID, Set.of("newsletter"), false, WithdrawalChannel.LETTER, DPM))
                .expectEvents(new ConsentWithdrawn(ID, newsletterConsent("2024-05").consentId(), "newsletter",
                        "2024-05", WithdrawalChannel.LETTER, DPM, fixture.currentTime()));
    }

    @Test
    void the_person_acting_through_the_portal_is_recorded_beside_the_client() {
        Actor admin = PORTAL.withActingUser("admin:site-admin-7");
        fixture.given(registered(), membershipConsent())
                .when(new WithdrawConsent(ID, Set.of("portal-membership"), false, WithdrawalChannel.PORTAL, admin))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ConsentWithdrawn w && w.consentId().equals(MEMBERSHIP_CONSENT)
                                && w.by().principal().equals(PORTAL.principal())
                                && "admin:site-admin-7".equals(w.by().actingUser())),
                        matches(p -> p instanceof MembershipEnded e && e.by().equals(admin)),
                        andNoMore())));
    }

    @Test
    void an_acting_user_is_a_member_id_or_an_administrators_id_and_nothing_else() {
        String member = "member:" + UUID.randomUUID();
        assertThat(PORTAL.withActingUser(member).actingUser()).isEqualTo(member);
        assertThat(PORTAL.withActingUser("admin:ops.team-1").actingUser()).isEqualTo("admin:ops.team-1");
        for (String invalid : List.of("member:ada", "admin:ada@example.org", "admin:", "user:1", "admin:a b",
                "member:" + UUID.randomUUID().toString().toUpperCase())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PORTAL.withActingUser(invalid))
                    .as(invalid).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
