package ledger.core.contactcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

class ContactCaseRulesTest {

    private static final Actor PORTAL = new Actor("portal-backend", "PORTAL");
    private static final ContactCaseId CASE = ContactCaseId.of(UUID.fromString("3b1f0e55-4f0c-4bd5-9d57-2b8d7e1a9c01"));

    private AggregateTestFixture<ContactCase> fixture;
    private InMemoryKeyVault keys;
    private List<UUID> purged;

    @BeforeEach
    void setUp() {
        keys = new InMemoryKeyVault();
        purged = new ArrayList<>();
        fixture = new AggregateTestFixture<>(ContactCase.class);
        fixture.registerInjectableResource(RetentionPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(new ContactCaseIntake(fixture.getRepository()));
        fixture.registerAnnotatedCommandHandler(
                new ContactCaseErasure(fixture.getRepository(), keys, List.of(purged::add)));
    }

    @Test
    void erasing_a_case_records_it_shreds_its_key_and_purges_it() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        keys.keyForWriting(CASE.value());
        fixture.given(new ContactCaseOpened(CASE, "G", "g@example.org", "m", opened.plusSeconds(1), PORTAL, opened))
                .when(new EraseContactCase(CASE, ErasureGround.MEMBER_REQUEST, PORTAL))
                .expectEvents(new ContactCaseErased(CASE, ErasureGround.MEMBER_REQUEST, PORTAL, fixture.currentTime()))
                .expectResultMessagePayload(fixture.currentTime());
        assertThat(keys.isShredded(CASE.value())).isTrue();
        assertThat(purged).containsExactly(CASE.value());
    }

    @Test
    void a_repeated_erasure_of_a_case_answers_the_first_time_and_records_nothing() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        Instant erased = Instant.parse("2026-02-01T00:00:00Z");
        fixture.given(new ContactCaseOpened(CASE, "G", "g@example.org", "m", opened.plusSeconds(1), PORTAL, opened),
                        new ContactCaseErased(CASE, ErasureGround.MEMBER_REQUEST, PORTAL, erased))
                .when(new EraseContactCase(CASE, ErasureGround.MEMBER_REQUEST, PORTAL))
                .expectResultMessagePayload(erased)
                .expectNoEvents();
    }

    @Test
    void an_erased_case_cannot_be_closed() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        fixture.given(new ContactCaseOpened(CASE, "G", "g@example.org", "m", opened.plusSeconds(1), PORTAL, opened),
                        new ContactCaseErased(CASE, ErasureGround.MEMBER_REQUEST, PORTAL, opened))
                .when(new CloseContactCase(CASE, PORTAL))
                .expectException(ContactCase.ContactCaseIsErased.class)
                .expectNoEvents();
    }

    @Test
    void a_contact_case_is_erased_at_most_three_years_after_it_was_opened() {
        Instant now = fixture.currentTime();
        Instant due = now.atZone(ZoneOffset.UTC).plusYears(3).toInstant();
        fixture.givenNoPriorActivity()
                .when(new OpenContactCase(CASE, "Grace Hopper", "grace@example.org", "Please call me", PORTAL))
                .expectResultMessagePayload(new ContactCaseIntake.Opened(CASE, due))
                .expectEvents(new ContactCaseOpened(CASE, "Grace Hopper", "grace@example.org", "Please call me", due,
                        PORTAL, now));
    }

    @Test
    void when_its_retention_has_passed_a_case_falls_due_for_erasure() {
        fixture.givenCommands(new OpenContactCase(CASE, "G", "g@example.org", "m", PORTAL))
                .whenTimeElapses(java.time.Duration.ofDays(3 * 366))
                .expectTriggeredDeadlinesWithName(ContactCase.RETENTION_DEADLINE)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof ContactCaseErasureDue),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void closing_a_case_brings_its_erasure_forward_when_a_shorter_period_after_closure_is_configured() {
        AggregateTestFixture<ContactCase> shorter = new AggregateTestFixture<>(ContactCase.class);
        shorter.registerInjectableResource(new RetentionPolicy(java.time.Period.ofMonths(3),
                java.time.Period.ofYears(3), null, java.time.Period.ofMonths(6)));
        shorter.registerAnnotatedCommandHandler(new ContactCaseIntake(shorter.getRepository()));
        shorter.givenCommands(new OpenContactCase(CASE, "G", "g@example.org", "m", PORTAL))
                .when(new CloseContactCase(CASE, PORTAL))
                .expectScheduledDeadlineWithName(java.time.Duration.between(shorter.currentTime(),
                        shorter.currentTime().atZone(java.time.ZoneOffset.UTC).plusMonths(6).toInstant()),
                        ContactCase.RETENTION_DEADLINE);
    }

    @Test
    void closing_a_closed_case_records_nothing() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        fixture.given(new ContactCaseOpened(CASE, "G", "g@example.org", "m", opened.plusSeconds(1), PORTAL, opened),
                        new ContactCaseClosed(CASE, PORTAL, opened))
                .when(new CloseContactCase(CASE, PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closing_an_open_case_records_who_closed_it() {
        Instant opened = Instant.parse("2026-01-01T00:00:00Z");
        fixture.given(new ContactCaseOpened(CASE, "G", "g@example.org", "m", opened.plusSeconds(1), PORTAL, opened))
                .when(new CloseContactCase(CASE, PORTAL))
                .expectEvents(new ContactCaseClosed(CASE, PORTAL, fixture.currentTime()));
    }

    @Test
    void an_erased_case_needs_no_deadline() {
        fixture.givenCommands(new OpenContactCase(CASE, "G", "g@example.org", "m", PORTAL))
                .when(new EraseContactCase(CASE, ErasureGround.MEMBER_REQUEST, PORTAL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_closing_that_brings_the_erasure_forward_replaces_the_three_year_deadline() {
        AggregateTestFixture<ContactCase> shorter = new AggregateTestFixture<>(ContactCase.class);
        shorter.registerInjectableResource(new RetentionPolicy(java.time.Period.ofMonths(3),
                java.time.Period.ofYears(3), null, java.time.Period.ofMonths(6)));
        shorter.registerAnnotatedCommandHandler(new ContactCaseIntake(shorter.getRepository()));
        shorter.givenCommands(new OpenContactCase(CASE, "G", "g@example.org", "m", PORTAL))
                .when(new CloseContactCase(CASE, PORTAL))
                .expectNoScheduledDeadlineWithName(shorter.currentTime().atZone(ZoneOffset.UTC).plusYears(3).toInstant(),
                        ContactCase.RETENTION_DEADLINE);
    }
}
