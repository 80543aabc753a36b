package ledger.core.member;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.SubjectDataPurge;
import ledger.core.notice.ConsentNotice;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/** Shared test data: one member, the portal as caller, the default catalog and retention. */
final class MemberFixtures {

    static final Actor PORTAL = new Actor("portal-backend", "PORTAL");
    static final Actor DPM = new Actor("dpm", "DPM");
    static final MemberId ID = MemberId.of(UUID.fromString("7d0e1b8c-7f0e-4c55-9f52-0f6f1c3b2a11"));
    static final UUID MEMBERSHIP_CONSENT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");

    private MemberFixtures() {
    }

    static AggregateTestFixture<Member> fixture(InMemoryUsernames usernames, InMemoryKeyVault keys,
                                                List<SubjectDataPurge> purges) {
        return fixture(usernames, keys, purges, RetentionPolicy.defaults());
    }

    static AggregateTestFixture<Member> fixture(InMemoryUsernames usernames, InMemoryKeyVault keys,
                                                List<SubjectDataPurge> purges, RetentionPolicy retention) {
        AggregateTestFixture<Member> fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(PurposeCatalog.defaults());
        fixture.registerInjectableResource(retention);
        fixture.registerAnnotatedCommandHandler(new MemberRegistration(fixture.getRepository(), usernames, id -> java.util.Optional.empty()));
        fixture.registerAnnotatedCommandHandler(new MemberErasure(fixture.getRepository(), usernames, keys, purges));
        return fixture;
    }

    static RegisterMember register(String username, List<RegisterMember.ConsentRequest> consents) {
        return new RegisterMember(ID, username, "Ada", "Lovelace", "Analytical Engines Ltd",
                "ada@example.org", consents, PORTAL);
    }

    /** When the fixtures' notices take effect: long before the fixtures' clock. */
    static final Instant NOTICES_EFFECTIVE = Instant.parse("2019-01-05T00:00:00Z");

    /** A registered notice of this version, in effect, describing both configured purposes, in English. */
    static ConsentNotice notice(String version) {
        return new ConsentNotice(NoticeVersion.of(version), sha256(version), "en", NOTICES_EFFECTIVE,
                Set.of(PurposeCatalog.MEMBERSHIP, PurposeCatalog.NEWSLETTER));
    }

    /** The fixtures' stand-in for the SHA-256 of the notice text of a version. */
    static String sha256(String version) {
        return PrivacyNotice.sha256Of("the privacy notice, version " + version);
    }

    static RegisterMember.ConsentRequest consent(String purpose, String version) {
        return new RegisterMember.ConsentRequest(purpose, notice(version), "portal");
    }

    static MemberRegistered registered() {
        return new MemberRegistered(ID, "ada", "Ada", "Lovelace", "Analytical Engines Ltd", "ada@example.org",
                PORTAL, T0);
    }

    static ConsentGiven membershipConsent() {
        return new ConsentGiven(ID, MEMBERSHIP_CONSENT, PurposeCatalog.MEMBERSHIP, "2024-05", sha256("2024-05"), "en",
                "portal", PORTAL, T0);
    }

    static ConsentGiven newsletterConsent(String version) {
        return new ConsentGiven(ID, UUID.fromString("00000000-0000-0000-0000-000000000002"),
                PurposeCatalog.NEWSLETTER, version, sha256(version), "en", "portal", PORTAL, T0);
    }
}
