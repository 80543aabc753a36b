package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;
import ledger.core.erasure.ErasureGround.ReservedErasureGround;
import ledger.core.erasure.ErasureJournal;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * The erasure journal sees every erasure the aggregate accepted, before anything of it is done,
 * and nothing else; an erasure re-applied from the journal is not stopped by a restored hold.
 */
class ErasureJournalRulesTest {

    private static final UUID HOLD = UUID.fromString("5a1d0000-0000-0000-0000-000000000009");

    private final List<ErasureJournal.Entry> journaled = new ArrayList<>();
    private final List<Boolean> keyShreddedWhenJournaled = new ArrayList<>();
    private InMemoryKeyVault keys;
    private List<UUID> purged;
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemoryKeyVault();
        purged = new ArrayList<>();
        fixture = fixtureWith(entry -> {
            keyShreddedWhenJournaled.add(keys.isShredded(entry.subject()));
            journaled.add(entry);
        });
    }

    private AggregateTestFixture<Member> fixtureWith(ErasureJournal journal) {
        AggregateTestFixture<Member> f = new AggregateTestFixture<>(Member.class);
        f.registerInjectableResource(PurposeCatalog.defaults());
        f.registerInjectableResource(RetentionPolicy.defaults());
        f.registerAnnotatedCommandHandler(new MemberErasure(f.getRepository(), new InMemoryUsernames(), keys,
                List.of(purged::add), journal));
        return f;
    }

    private LegalHoldPlaced hold() {
        return new LegalHoldPlaced(ID, HOLD, LegalHoldGround.LEGAL_CLAIMS, "dispute", DPM, MemberFixtures.T0, null);
    }

    @Test
    void an_accepted_erasure_is_journaled_with_ids_ground_and_time_before_the_key_is_shredded() {
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent())
                .when(EraseMember.manual(ID, ErasureGround.OBJECTION, DPM))
                .expectEvents(new MemberErased(ID, ErasureGround.OBJECTION, DPM, fixture.currentTime()));
        assertThat(journaled).containsExactly(
                ErasureJournal.Entry.member(ID.value(), ErasureGround.OBJECTION, fixture.currentTime()));
        assertThat(keyShreddedWhenJournaled).containsExactly(false);
        assertThat(keys.isShredded(ID.value())).isTrue();
    }

    @Test
    void when_the_journal_cannot_write_nothing_is_shredded_or_purged() {
        keys.keyForWriting(ID.value());
        AggregateTestFixture<Member> failing = fixtureWith(entry -> {
            throw new IllegalStateException("journal unavailable");
        });
        failing.given(registered(), membershipConsent())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectException(IllegalStateException.class);
        assertThat(keys.isShredded(ID.value())).isFalse();
        assertThat(purged).isEmpty();
    }

    @Test
    void a_manual_erasure_a_hold_defers_is_not_journaled() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectResultMessagePayload(new ErasureDeferral(ID, ErasureGround.MEMBER_REQUEST, List.of(HOLD), false));
        assertThat(journaled).isEmpty();
    }

    @Test
    void a_deferred_erasure_is_not_journaled() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.automatic(ID, ErasureGround.RETENTION_EXPIRED))
                .expectEvents(new ErasureDeferred(ID, List.of(HOLD), Actor.SYSTEM, fixture.currentTime(), ErasureGround.RETENTION_EXPIRED));
        assertThat(journaled).isEmpty();
    }

    @Test
    void the_erasure_of_an_unknown_member_is_not_journaled() {
        fixture.givenNoPriorActivity()
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectException(MemberRefusals.UnknownMember.class);
        assertThat(journaled).isEmpty();
    }

    @Test
    void a_repetition_is_journaled_again_with_the_first_receipt() {
        Instant erasedAt = Instant.parse("2026-02-01T10:00:00Z");
        fixture.given(registered(), membershipConsent(),
                        new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, erasedAt))
                .when(EraseMember.manual(ID, ErasureGround.RETENTION_EXPIRED, DPM))
                .expectNoEvents();
        assertThat(journaled).containsExactly(
                ErasureJournal.Entry.member(ID.value(), ErasureGround.MEMBER_REQUEST, erasedAt));
    }

    @Test
    void a_re_applied_journaled_erasure_is_not_stopped_by_a_hold_of_the_restored_database() {
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.restoredBackup(ID))
                .expectEvents(new MemberErased(ID, ErasureGround.RESTORED_BACKUP, Actor.SYSTEM, fixture.currentTime()))
                .expectResultMessagePayload(new ErasureReceipt(ID, ErasureGround.RESTORED_BACKUP,
                        fixture.currentTime()));
        assertThat(keys.isShredded(ID.value())).isTrue();
        assertThat(purged).containsExactly(ID.value());
    }

    @Test
    void no_caller_but_the_ledger_may_name_the_restored_backup_ground() {
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.manual(ID, ErasureGround.RESTORED_BACKUP, DPM))
                .expectException(ReservedErasureGround.class)
                .expectNoEvents();
        assertThat(keys.isShredded(ID.value())).isFalse();
        assertThat(journaled).isEmpty();
    }

    @Test
    void not_even_as_an_automatic_erasure() {
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent(), hold())
                .when(new EraseMember(ID, ErasureGround.RESTORED_BACKUP, DPM, true))
                .expectException(ReservedErasureGround.class)
                .expectNoEvents();
        assertThat(keys.isShredded(ID.value())).isFalse();
    }
}
