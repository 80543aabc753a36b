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
import ledger.core.crypto.ThroughTheSerializer;
import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/** Shredding a contact case needs no plaintext: it succeeds while no data key can be read. */
class ContactCaseErasureWithoutPlaintextTest {

    private static final Actor DPM = new Actor("dpm", "DPM");
    private static final ContactCaseId CASE = ContactCaseId.of(UUID.fromString("5c2e8a41-0b7d-4e1f-8a36-7f0d9b2c4e10"));

    private final InMemoryKeyVault keys = new InMemoryKeyVault();
    private final List<UUID> purged = new ArrayList<>();
    private AggregateTestFixture<ContactCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ContactCase.class);
        fixture.registerRepository(ThroughTheSerializer.repository(ContactCase.class, fixture.getEventStore(),
                ThroughTheSerializer.serializer(keys)));
        fixture.registerInjectableResource(RetentionPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(new ContactCaseErasure(fixture.getRepository(), keys,
                List.of(purged::add)));
        // the fixture's own re-reading of the events (its state-change check) would ask the vault too
        fixture.setReportIllegalStateChange(false);
        keys.unreachable(true);
    }

    @Test
    void a_contact_case_erasure_is_recorded_and_shreds_the_key_although_no_data_key_can_be_read() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        fixture.given(new ContactCaseOpened(CASE, "Grace", "grace@example.org", "call me", opened.plusSeconds(60),
                        DPM, opened))
                .when(new EraseContactCase(CASE, ErasureGround.MEMBER_REQUEST, DPM))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ContactCaseErased(CASE, ErasureGround.MEMBER_REQUEST, DPM, fixture.currentTime()))
                .expectResultMessagePayload(fixture.currentTime());
        assertThat(keys.reads()).as("the vault was never asked for a key").isZero();
        assertThat(keys.isShredded(CASE.value())).isTrue();
        assertThat(purged).containsExactly(CASE.value());
    }
}
