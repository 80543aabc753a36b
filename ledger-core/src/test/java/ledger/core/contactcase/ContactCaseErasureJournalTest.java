package ledger.core.contactcase;

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
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/** A contact case's erasure is journaled before its key is shredded; the restore ground is the ledger's own. */
class ContactCaseErasureJournalTest {

    private static final Actor PORTAL = new Actor("portal-backend", "PORTAL");
    private static final ContactCaseId CASE = ContactCaseId.of(UUID.fromString("3b1f0e55-4f0c-4bd5-9d57-2b8d7e1a9c09"));
    private static final Instant OPENED = Instant.parse("2026-01-01T00:00:00Z");

    private final List<ErasureJournal.Entry> journaled = new ArrayList<>();
    private final List<Boolean> keyShreddedWhenJournaled = new ArrayList<>();
    private InMemoryKeyVault keys;
    private AggregateTestFixture<ContactCase> fixture;

    @BeforeEach
    void setUp() {
        keys = new InMemoryKeyVault();
        fixture = new AggregateTestFixture<>(ContactCase.class);
        fixture.registerInjectableResource(RetentionPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(new ContactCaseErasure(fixture.getRepository(), keys, List.of(),
                entry -> {
                    keyShreddedWhenJournaled.add(keys.isShredded(entry.subject()));
                    journaled.add(entry);
                }));
    }

    private ContactCaseOpened opened() {
        return new ContactCaseOpened(CASE, "G", "g@example.org", "m", OPENED.plusSeconds(1), PORTAL, OPENED);
    }

    @Test
    void an_erasure_is_journaled_before_the_key_is_shredded() {
        keys.keyForWriting(CASE.value());
        fixture.given(opened())
                .when(new EraseContactCase(CASE, ErasureGround.MEMBER_REQUEST, PORTAL))
                .expectEvents(new ContactCaseErased(CASE, ErasureGround.MEMBER_REQUEST, PORTAL, fixture.currentTime()));
        assertThat(journaled).containsExactly(
                ErasureJournal.Entry.contactCase(CASE.value(), ErasureGround.MEMBER_REQUEST, fixture.currentTime()));
        assertThat(keyShreddedWhenJournaled).containsExactly(false);
        assertThat(keys.isShredded(CASE.value())).isTrue();
    }

    @Test
    void the_ledger_re_applies_a_journaled_erasure_with_the_restored_backup_ground() {
        fixture.given(opened())
                .when(new EraseContactCase(CASE, ErasureGround.RESTORED_BACKUP, Actor.SYSTEM))
                .expectEvents(new ContactCaseErased(CASE, ErasureGround.RESTORED_BACKUP, Actor.SYSTEM,
                        fixture.currentTime()));
        assertThat(keys.isShredded(CASE.value())).isTrue();
    }

    @Test
    void no_caller_but_the_ledger_may_name_the_restored_backup_ground() {
        keys.keyForWriting(CASE.value());
        fixture.given(opened())
                .when(new EraseContactCase(CASE, ErasureGround.RESTORED_BACKUP, PORTAL))
                .expectException(ReservedErasureGround.class)
                .expectNoEvents();
        assertThat(keys.isShredded(CASE.value())).isFalse();
        assertThat(journaled).isEmpty();
    }
}
