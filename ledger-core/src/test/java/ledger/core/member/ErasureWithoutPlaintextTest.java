package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.crypto.ThroughTheSerializer;
import ledger.core.erasure.ErasureGround;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * Shredding needs no plaintext: the member's events are read back through the encrypting
 * serializer, as from the event store, while the vault cannot give any key (a wrong master key,
 * an unreachable or damaged vault), and erasure still records and shreds.
 */
class ErasureWithoutPlaintextTest {

    private final InMemoryKeyVault keys = new InMemoryKeyVault();
    private final List<UUID> purged = new ArrayList<>();
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerRepository(ThroughTheSerializer.repository(Member.class, fixture.getEventStore(),
                ThroughTheSerializer.serializer(keys)));
        fixture.registerInjectableResource(PurposeCatalog.defaults());
        fixture.registerInjectableResource(RetentionPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(
                new MemberErasure(fixture.getRepository(), new InMemoryUsernames(), keys, List.of(purged::add)));
        // the fixture's own re-reading of the events (its state-change check) would ask the vault too
        fixture.setReportIllegalStateChange(false);
        keys.unreachable(true);
    }

    @Test
    void an_erasure_is_recorded_and_shreds_the_key_although_no_data_key_can_be_read() {
        fixture.given(registered(), membershipConsent())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, fixture.currentTime()))
                .expectResultMessagePayload(new ErasureReceipt(ID, ErasureGround.MEMBER_REQUEST, fixture.currentTime()));
        assertThat(keys.reads()).as("the vault was never asked for a key").isZero();
        assertThat(keys.isShredded(ID.value())).isTrue();
        assertThat(purged).containsExactly(ID.value());
    }

    @Test
    void an_automatic_erasure_deferred_by_a_legal_hold_reads_no_data_key_either() {
        UUID hold = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        fixture.given(registered(), membershipConsent(),
                        new LegalHoldPlaced(ID, hold, LegalHoldGround.LEGAL_CLAIMS, "case 1", DPM, fixture.currentTime(), null))
                .when(EraseMember.automatic(ID, ErasureGround.RETENTION_EXPIRED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ErasureDeferred(ID, List.of(hold), Actor.SYSTEM,
                        fixture.currentTime(), ErasureGround.RETENTION_EXPIRED));
        assertThat(keys.reads()).isZero();
        assertThat(keys.isShredded(ID.value())).isFalse();
    }
}
