package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.PORTAL;
import static ledger.core.member.MemberFixtures.consent;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.register;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberRefusals.MemberIsErased;
import ledger.core.member.MemberRefusals.UnknownLegalHold;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/** Retention on persistent deadlines, and legal holds (Art. 17(3)). */
class RetentionRulesTest {

    private static final UUID HOLD = UUID.fromString("5a1d0000-0000-0000-0000-000000000001");
    private static final LocalDate REVIEW = LocalDate.of(2099, 1, 31);

    private static final RetentionPolicy WITH_INACTIVITY = new RetentionPolicy(Period.ofMonths(3), Period.ofYears(3),
            Period.ofMonths(12), null);

    private InMemoryUsernames usernames;
    private InMemoryKeyVault keys;
    private List<UUID> purged;
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        usernames = new InMemoryUsernames();
        keys = new InMemoryKeyVault();
        purged = new ArrayList<>();
        fixture = MemberFixtures.fixture(usernames, keys, List.of(purged::add));
    }

    private AggregateTestFixture<Member> withInactivity() {
        return MemberFixtures.fixture(new InMemoryUsernames(), new InMemoryKeyVault(), List.of(), WITH_INACTIVITY);
    }

    private static Instant twelveMonthsAfter(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
    }

    private Instant threeMonthsAfter(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
    }

    private LegalHoldPlaced hold() {
        return new LegalHoldPlaced(ID, HOLD, LegalHoldGround.LEGAL_CLAIMS, "pending dispute", DPM, MemberFixtures.T0, REVIEW);
    }

    @Test
    void ending_the_membership_schedules_erasure_when_the_retention_period_has_passed() {
        fixture.given(registered(), membershipConsent())
                .when(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .expectScheduledDeadlineWithName(Duration.between(fixture.currentTime(),
                        threeMonthsAfter(fixture.currentTime())), Member.RETENTION_DEADLINE);
    }

    @Test
    void when_the_retention_period_has_passed_erasure_falls_due() {
        fixture.given(registered(), membershipConsent())
                .andGivenCommands(new EndMembership(ID, MembershipEndReason.MEMBER_REQUEST, PORTAL))
                .whenTimeElapses(Duration.ofDays(93))
                .expectTriggeredDeadlinesWithName(Member.RETENTION_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ErasureDue d && d.ground() == ErasureGround.RETENTION_EXPIRED
                                && d.by().equals(Actor.SYSTEM)),
                        andNoMore())));
    }

    @Test
    void a_legal_hold_defers_the_automatic_erasure() {
        fixture.given(registered(), membershipConsent(), hold())
                .andGivenCommands(new EndMembership(ID, MembershipEndReason.MEMBER_REQUEST, PORTAL))
                .whenTimeElapses(Duration.ofDays(93))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ErasureDeferred d && d.holds().equals(List.of(HOLD))),
                        andNoMore())));
    }

    @Test
    void releasing_the_last_hold_lets_a_deferred_erasure_run_at_once() {
        fixture.given(registered(), membershipConsent(), hold(),
                        new ErasureDeferred(ID, List.of(HOLD), Actor.SYSTEM, MemberFixtures.T0, ErasureGround.RETENTION_EXPIRED))
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void releasing_a_hold_when_nothing_was_deferred_only_records_the_release() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()));
    }

    @Test
    void releasing_an_unknown_hold_is_refused() {
        fixture.given(registered(), membershipConsent())
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectException(UnknownLegalHold.class)
                .expectNoEvents();
    }

    @Test
    void a_manual_erasure_while_a_legal_hold_stands_is_recorded_and_deferred() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectResultMessagePayload(new ErasureDeferral(ID, ErasureGround.MEMBER_REQUEST, List.of(HOLD), false))
                .expectEvents(new ErasureDeferred(ID, List.of(HOLD), DPM, fixture.currentTime(),
                        ErasureGround.MEMBER_REQUEST));
    }

    @Test
    void a_manual_erasure_asked_again_while_deferred_records_nothing_more() {
        fixture.given(registered(), membershipConsent(), hold(),
                        new ErasureDeferred(ID, List.of(HOLD), DPM, MemberFixtures.T0, ErasureGround.MEMBER_REQUEST))
                .when(EraseMember.manual(ID, ErasureGround.OBJECTION, DPM))
                .expectResultMessagePayload(new ErasureDeferral(ID, ErasureGround.MEMBER_REQUEST, List.of(HOLD), false))
                .expectNoEvents();
    }

    @Test
    void a_manual_erasure_after_a_deferred_retention_erasure_is_recorded_and_its_ground_runs() {
        fixture.given(registered(), membershipConsent(), hold(),
                        new ErasureDeferred(ID, List.of(HOLD), Actor.SYSTEM, MemberFixtures.T0,
                                ErasureGround.RETENTION_EXPIRED))
                .andGivenCommands(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.MEMBER_REQUEST, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void releasing_the_last_hold_runs_the_deferred_manual_erasure_with_its_ground() {
        UUID second = UUID.fromString("5a1d0000-0000-0000-0000-000000000002");
        LegalHoldPlaced secondHold = new LegalHoldPlaced(ID, second, LegalHoldGround.SECURITY, "misuse", DPM,
                MemberFixtures.T0, REVIEW);
        ErasureDeferred deferred = new ErasureDeferred(ID, List.of(HOLD, second), DPM, MemberFixtures.T0,
                ErasureGround.OBJECTION);
        fixture.given(registered(), membershipConsent(), hold(), secondHold, deferred)
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()));
        fixture.given(registered(), membershipConsent(), hold(), secondHold, deferred,
                        new LegalHoldReleased(ID, HOLD, DPM, MemberFixtures.T0))
                .when(new ReleaseLegalHold(ID, second, DPM))
                .expectEvents(new LegalHoldReleased(ID, second, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.OBJECTION, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void a_deferral_stored_before_deferrals_named_a_ground_runs_as_a_retention_erasure() {
        fixture.given(registered(), membershipConsent(), hold(),
                        new ErasureDeferred(ID, List.of(HOLD), Actor.SYSTEM, MemberFixtures.T0, null))
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void a_hold_is_placed_with_a_review_date_that_lies_ahead() {
        fixture.given(registered(), membershipConsent())
                .when(new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_OBLIGATION, "tax audit",
                        LocalDate.ofInstant(fixture.currentTime(), java.time.ZoneOffset.UTC), DPM))
                .expectException(MemberRefusals.ReviewDateNotAhead.class)
                .expectNoEvents();
        fixture.given(registered(), membershipConsent())
                .when(new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_OBLIGATION, "tax audit", null, DPM))
                .expectException(MemberRefusals.ReviewDateNotAhead.class);
    }

    @Test
    void a_legal_hold_restricts_processing_while_it_stands() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL))
                .expectException(MemberRefusals.ProcessingIsRestricted.class)
                .expectNoEvents();
        fixture.given(registered(), membershipConsent(), hold(), new LegalHoldReleased(ID, HOLD, DPM, MemberFixtures.T0))
                .when(new RecordDownload(ID, "doc", null, PORTAL))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_automatic_erasure_is_deferred_while_a_legal_hold_stands() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.automatic(ID, ErasureGround.RETENTION_EXPIRED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ErasureDeferred(ID, List.of(HOLD), Actor.SYSTEM, fixture.currentTime(), ErasureGround.RETENTION_EXPIRED));
    }

    @Test
    void placing_a_hold_records_its_ground_and_reason() {
        fixture.given(registered(), membershipConsent())
                .when(new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_OBLIGATION, "tax audit", REVIEW, DPM))
                .expectEvents(new LegalHoldPlaced(ID, HOLD, LegalHoldGround.LEGAL_OBLIGATION, "tax audit", DPM,
                        fixture.currentTime(), REVIEW));
    }

    @Test
    void an_erased_member_needs_no_deadline() {
        fixture.given(registered(), membershipConsent())
                .andGivenCommands(new EndMembership(ID, MembershipEndReason.MEMBER_REQUEST, PORTAL))
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectNoScheduledDeadlines();
    }

    @Test
    void with_the_inactivity_rule_a_member_without_activity_is_ended() {
        RetentionPolicy withInactivity = new RetentionPolicy(Period.ofYears(2), Period.ofYears(3),
                Period.ofMonths(12), null);
        AggregateTestFixture<Member> inactive = MemberFixtures.fixture(new InMemoryUsernames(),
                new InMemoryKeyVault(), List.of(), withInactivity);
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .whenTimeElapses(Duration.ofDays(366))
                .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE, Member.INACTIVITY_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof InactivityWarned w && w.by().equals(Actor.SYSTEM)),
                        matches(p -> p instanceof MembershipEnded e && e.reason() == MembershipEndReason.INACTIVITY
                                && e.by().equals(Actor.SYSTEM)),
                        andNoMore())));
    }

    @Test
    void thirty_days_before_the_inactivity_deadline_the_member_is_warned_with_the_day_the_membership_ends() {
        AggregateTestFixture<Member> inactive = withInactivity();
        Instant registered = inactive.currentTime();
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .whenTimeElapses(Duration.between(registered, twelveMonthsAfter(registered)).minusDays(29))
                .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof InactivityWarned w
                                && w.membershipEndsAt().equals(twelveMonthsAfter(registered))),
                        andNoMore())));
    }

    @Test
    void a_use_of_the_portal_is_recorded_once_a_day() {
        AggregateTestFixture<Member> using = withInactivity();
        Instant now = using.currentTime();
        using.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .when(new RecordPortalUse(MemberFixtures.ID, MemberFixtures.PORTAL))
                .expectResultMessagePayload(true)
                .expectEvents(new PortalUsed(MemberFixtures.ID, java.time.LocalDate.ofInstant(now, ZoneOffset.UTC),
                        MemberFixtures.PORTAL, now));
        AggregateTestFixture<Member> again = withInactivity();
        Instant today = again.currentTime();
        again.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))),
                        new RecordPortalUse(MemberFixtures.ID, MemberFixtures.PORTAL))
                .when(new RecordPortalUse(MemberFixtures.ID, MemberFixtures.PORTAL))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        assertThat(today).isNotNull();
    }

    @Test
    void an_ended_membership_records_no_use_of_the_portal() {
        fixture.given(registered(), membershipConsent(), new MembershipEnded(ID, MembershipEndReason.MEMBER_REQUEST,
                        MemberFixtures.T0, PORTAL, MemberFixtures.T0))
                .when(new RecordPortalUse(ID, PORTAL))
                .expectException(MemberRefusals.MembershipHasEnded.class)
                .expectNoEvents();
    }

    @Test
    void activity_keeps_the_membership_the_deadline_re_arms_itself_from_the_last_activity() {
        AggregateTestFixture<Member> inactive = withInactivity();
        Instant registered = inactive.currentTime();
        Instant used = registered.plus(Duration.ofDays(183));
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .andGiven(new DocumentDownloaded(ID, "doc", null, PORTAL, used))
                .whenTimeAdvancesTo(twelveMonthsAfter(registered).plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE, Member.INACTIVITY_DEADLINE)
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.between(twelveMonthsAfter(registered).plusSeconds(1),
                        twelveMonthsAfter(used)), Member.INACTIVITY_DEADLINE);
    }

    @Test
    void a_member_warned_who_stays_away_is_ended_twelve_months_after_the_last_activity() {
        AggregateTestFixture<Member> inactive = withInactivity();
        Instant registered = inactive.currentTime();
        Instant used = registered.plus(Duration.ofDays(183));
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .andGiven(new DocumentDownloaded(ID, "doc", null, PORTAL, used))
                .whenTimeAdvancesTo(twelveMonthsAfter(used).plusSeconds(1))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof InactivityWarned w && w.membershipEndsAt().equals(twelveMonthsAfter(used))),
                        // the erasure's deadline may follow: the fixture's handlers read the real clock
                        matches(p -> p instanceof MembershipEnded e && e.reason() == MembershipEndReason.INACTIVITY))));
    }

    @Test
    void with_the_inactivity_rule_registration_schedules_the_inactivity_deadline() {
        RetentionPolicy withInactivity = new RetentionPolicy(Period.ofMonths(3), Period.ofYears(3),
                Period.ofMonths(12), null);
        AggregateTestFixture<Member> inactive = MemberFixtures.fixture(new InMemoryUsernames(),
                new InMemoryKeyVault(), List.of(), withInactivity);
        inactive.givenNoPriorActivity()
                .when(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .expectScheduledDeadlineWithName(Duration.between(inactive.currentTime(),
                        inactive.currentTime().atZone(ZoneOffset.UTC).plusMonths(12).toInstant()),
                        Member.INACTIVITY_DEADLINE);
    }

    @Test
    void without_the_inactivity_rule_nothing_is_scheduled_for_an_active_member() {
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_retention_deadline_that_fires_after_the_erasure_records_nothing() {
        fixture.given(registered(), membershipConsent())
                .andGivenCommands(new EndMembership(ID, MembershipEndReason.MEMBER_REQUEST, PORTAL))
                .andGiven(new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0))
                .whenTimeElapses(Duration.ofDays(93))
                .expectTriggeredDeadlinesWithName(Member.RETENTION_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void placing_a_hold_that_already_stands_records_nothing() {
        fixture.given(registered(), membershipConsent(), hold())
                .when(new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_OBLIGATION, "again", REVIEW, DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_erased_member_accepts_no_legal_hold_and_no_release() {
        MemberErased erased = new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0);
        fixture.given(registered(), membershipConsent(), erased)
                .when(new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_CLAIMS, "too late", REVIEW, DPM))
                .expectException(MemberIsErased.class)
                .expectNoEvents();
        fixture.given(registered(), membershipConsent(), erased)
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectException(MemberIsErased.class)
                .expectNoEvents();
    }

    @Test
    void a_deferred_manual_erasure_keeps_the_username_the_key_and_the_read_side() {
        usernames.claim("ada", ID);
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectSuccessfulHandlerExecution();
        assertThat(usernames.taken("ada")).isTrue();
        assertThat(keys.isShredded(ID.value())).isFalse();
        assertThat(purged).isEmpty();
    }

    @Test
    void a_deferred_erasure_keeps_the_username_the_key_and_the_read_side() {
        usernames.claim("ada", ID);
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent(), hold())
                .when(EraseMember.automatic(ID, ErasureGround.RETENTION_EXPIRED))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ErasureDeferral(ID, ErasureGround.RETENTION_EXPIRED, List.of(HOLD),
                        false));
        assertThat(usernames.taken("ada")).isTrue();
        assertThat(keys.isShredded(ID.value())).isFalse();
        assertThat(purged).isEmpty();
    }

    @Test
    void ending_the_membership_stops_the_inactivity_clock() {
        AggregateTestFixture<Member> inactive = withInactivity();
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .when(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .expectScheduledDeadlineWithName(threeMonthsAfter(inactive.currentTime()),
                        Member.RETENTION_DEADLINE)
                .expectNoScheduledDeadlineMatching(matches((DeadlineMessage<?> d) ->
                        d.getDeadlineName().equals(Member.INACTIVITY_DEADLINE)));
    }

    @Test
    void with_the_inactivity_rule_an_erased_member_needs_no_deadline_either() {
        withInactivity().givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectNoScheduledDeadlines();
    }

    @Test
    void consent_given_or_withdrawn_a_download_and_a_profile_edit_are_activity_too() {
        Instant registered = MemberFixtures.T0;
        Instant later = registered.plus(Duration.ofDays(183));
        List<Object> activities = List.of(
                new ConsentGiven(ID, UUID.randomUUID(), "newsletter", "2024-05", "x", "en", "portal", PORTAL, later),
                new ConsentWithdrawn(ID, UUID.randomUUID(), "newsletter", "2024-05", WithdrawalChannel.PORTAL, PORTAL,
                        later),
                new DocumentDownloaded(ID, "doc", null, PORTAL, later),
                new ProfileEdited(ID, null, "King", null, null, PORTAL, later),
                new PortalUsed(ID, java.time.LocalDate.ofInstant(later, ZoneOffset.UTC), PORTAL, later));
        for (Object activity : activities) {
            AggregateTestFixture<Member> inactive = withInactivity();
            inactive.givenCurrentTime(registered)
                    .andGivenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                    .andGiven(activity)
                    .whenTimeAdvancesTo(twelveMonthsAfter(registered).plusSeconds(1))
                    .expectNoEvents()
                    .expectScheduledDeadlineWithName(Duration.between(twelveMonthsAfter(registered).plusSeconds(1),
                            twelveMonthsAfter(later)), Member.INACTIVITY_DEADLINE);
        }
    }

    @Test
    void a_command_schedules_and_cancels_no_deadline_only_registration_arms_them() {
        AggregateTestFixture<Member> inactive = withInactivity();
        List<DeadlineMessage<?>> scheduled = new ArrayList<>();
        inactive.registerDeadlineDispatchInterceptor(messages -> (index, deadline) -> {
            scheduled.add(deadline);
            return deadline;
        });
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .when(new RecordDownload(ID, "doc", null, PORTAL))
                .expectSuccessfulHandlerExecution();
        assertThat(scheduled).extracting(DeadlineMessage::getDeadlineName)
                .containsExactly(Member.INACTIVITY_DEADLINE, Member.INACTIVITY_WARNING_DEADLINE);
    }

    @Test
    void a_member_without_a_clock_gets_one_from_now_and_an_ended_member_none() {
        AggregateTestFixture<Member> inactive = withInactivity();
        inactive.given(registered(), membershipConsent())
                .when(new ArmInactivityClock(ID, Actor.SYSTEM))
                .expectResultMessagePayload(true)
                .expectNoEvents()
                .expectScheduledDeadlineWithName(twelveMonthsAfter(inactive.currentTime()), Member.INACTIVITY_DEADLINE);
        withInactivity().given(registered(), membershipConsent(), new MembershipEnded(ID,
                        MembershipEndReason.MEMBER_REQUEST, MemberFixtures.T0, PORTAL, MemberFixtures.T0))
                .when(new ArmInactivityClock(ID, Actor.SYSTEM))
                .expectResultMessagePayload(false)
                .expectNoScheduledDeadlines();
    }

    @Test
    void ending_the_membership_stops_the_inactivity_warning_too() {
        AggregateTestFixture<Member> inactive = withInactivity();
        inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .when(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .expectNoScheduledDeadlineMatching(matches((DeadlineMessage<?> d) ->
                        d.getDeadlineName().equals(Member.INACTIVITY_WARNING_DEADLINE)));
    }

    @Test
    void an_inactivity_deadline_and_its_warning_that_fire_after_the_membership_ended_or_was_erased_record_nothing() {
        List<Object> gone = List.of(
                new MembershipEnded(ID, MembershipEndReason.CEASED_PARTNER, MemberFixtures.T0, DPM, MemberFixtures.T0),
                new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0));
        for (Object end : gone) {
            AggregateTestFixture<Member> inactive = withInactivity();
            Instant registered = inactive.currentTime();
            inactive.givenCommands(register("ada", List.of(consent("portal-membership", "2024-05"))))
                    .andGiven(end)
                    .whenTimeAdvancesTo(twelveMonthsAfter(registered).plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE, Member.INACTIVITY_DEADLINE)
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }
    }

    @Test
    void a_clock_armed_twice_warns_the_member_once() {
        AggregateTestFixture<Member> inactive = withInactivity();
        inactive.givenCurrentTime(MemberFixtures.T0)
                .andGiven(registered(), membershipConsent())
                .andGivenCommands(new ArmInactivityClock(ID, Actor.SYSTEM), new ArmInactivityClock(ID, Actor.SYSTEM))
                .whenTimeAdvancesTo(twelveMonthsAfter(MemberFixtures.T0).minus(Duration.ofDays(29)))
                .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE,
                        Member.INACTIVITY_WARNING_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof InactivityWarned w
                                && w.membershipEndsAt().equals(twelveMonthsAfter(MemberFixtures.T0))),
                        andNoMore())));
    }

    @Test
    void a_member_whose_last_activity_is_unknown_is_warned_of_the_end_the_clock_was_armed_for() {
        AggregateTestFixture<Member> inactive = withInactivity();
        Instant armed = inactive.currentTime();
        MemberRegistered withoutActivity = new MemberRegistered(ID, "ada", "Ada", "Lovelace", null, "ada@example.org",
                PORTAL, null);
        inactive.given(withoutActivity)
                .andGivenCommands(new ArmInactivityClock(ID, Actor.SYSTEM))
                .whenTimeAdvancesTo(twelveMonthsAfter(armed).minus(Duration.ofDays(29)))
                .expectTriggeredDeadlinesWithName(Member.INACTIVITY_WARNING_DEADLINE)
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof InactivityWarned w
                                && w.membershipEndsAt().equals(twelveMonthsAfter(armed))),
                        andNoMore())));
    }

    @Test
    void an_erased_member_records_no_use_of_the_portal() {
        fixture.given(registered(), membershipConsent(),
                        new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0))
                .when(new RecordPortalUse(ID, PORTAL))
                .expectException(MemberIsErased.class)
                .expectNoEvents();
    }
}
