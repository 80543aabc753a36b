package ledger.core.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;

import ledger.core.consent.PurposeCatalog;
import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.crypto.SubjectDataPurge;
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

    static RegisterMember.ConsentRequest consent(String purpose, String version) {
        return new RegisterMember.ConsentRequest(purpose, version, "portal");
    }

    static MemberRegistered registered() {
        return new MemberRegistered(ID, "ada", "Ada", "Lovelace", "Analytical Engines Ltd", "ada@example.org",
                PORTAL, T0);
    }

    static ConsentGiven membershipConsent() {
        return new ConsentGiven(ID, MEMBERSHIP_CONSENT, PurposeCatalog.MEMBERSHIP, "2024-05", "portal", PORTAL, T0);
    }

    static ConsentGiven newsletterConsent(String version) {
        return new ConsentGiven(ID, UUID.fromString("00000000-0000-0000-0000-000000000002"),
                PurposeCatalog.NEWSLETTER, version, "portal", PORTAL, T0);
    }
}
