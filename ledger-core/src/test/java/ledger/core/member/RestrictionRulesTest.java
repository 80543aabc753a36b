package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.PORTAL;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.newsletterConsent;
import static ledger.core.member.MemberFixtures.registered;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberRefusals.MemberIsErased;
import ledger.core.member.MemberRefusals.NotRestricted;
import ledger.core.member.MemberRefusals.ProcessingIsRestricted;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/** Restriction of processing (Art. 18) and objection (Art. 21). */
class RestrictionRulesTest {

    private static final UUID HOLD = UUID.fromString("5a1d0000-0000-0000-0000-000000000009");

    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = MemberFixtures.fixture(new InMemoryUsernames(), new InMemoryKeyVault(), List.of());
    }

    private ProcessingRestricted restricted() {
        return new ProcessingRestricted(ID, RestrictionGround.ACCURACY_CONTESTED, DPM, MemberFixtures.T0);
    }

    private LegalHoldPlaced hold() {
        return new LegalHoldPlaced(ID, HOLD, LegalHoldGround.LEGAL_CLAIMS, "dispute", DPM, MemberFixtures.T0,
                LocalDate.of(2099, 1, 1));
    }

    private ErasureDeferred deferredRetention() {
        return new ErasureDeferred(ID, List.of(), Actor.SYSTEM, MemberFixtures.T0, ErasureGround.RETENTION_EXPIRED);
    }

    @Test
    void restricting_processing_records_its_ground_once() {
        fixture.given(registered(), membershipConsent())
                .when(new RestrictProcessing(ID, RestrictionGround.LEGAL_CLAIMS, DPM))
                .expectResultMessagePayload(RestrictionGround.LEGAL_CLAIMS)
                .expectEvents(new ProcessingRestricted(ID, RestrictionGround.LEGAL_CLAIMS, DPM, fixture.currentTime()));
        fixture.given(registered(), membershipConsent(), restricted())
                .when(new RestrictProcessing(ID, RestrictionGround.LEGAL_CLAIMS, DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void while_restricted_consents_and_downloads_are_refused() {
        for (Object processing : List.of(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL),
                new RecordDownload(ID, "doc", "Price list", PORTAL))) {
            setUp();
            fixture.given(registered(), membershipConsent(), restricted())
                    .when(processing)
                    .expectException(ProcessingIsRestricted.class)
                    .expectNoEvents();
        }
    }

    @Test
    void while_restricted_a_register_extract_is_still_issued_and_recorded() {
        fixture.given(registered(), membershipConsent(), restricted())
                .when(new IssueRegisterExtract(ID, "json", PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RegisterExtractIssued(ID, "json", PORTAL, fixture.currentTime()));
    }

    @Test
    void while_restricted_rectification_withdrawal_erasure_lifting_and_the_end_of_the_membership_pass() {
        for (Object allowed : List.of(new EditProfile(ID, null, null, "New Co", null, null, DPM),
                new WithdrawConsent(ID, Set.of("newsletter"), false, WithdrawalChannel.EMAIL, DPM),
                EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM),
                new LiftRestriction(ID, DPM),
                new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM),
                new PlaceLegalHold(ID, HOLD, LegalHoldGround.LEGAL_CLAIMS, "dispute", LocalDate.of(2099, 1, 1), DPM),
                new RecordObjection(ID, "newsletter", DPM))) {
            setUp();
            fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"), restricted())
                    .when(allowed)
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Test
    void lifting_a_restriction_that_does_not_stand_is_refused() {
        fixture.given(registered(), membershipConsent())
                .when(new LiftRestriction(ID, DPM))
                .expectException(NotRestricted.class)
                .expectNoEvents();
        fixture.given(registered(), membershipConsent(), restricted(),
                        new RestrictionLifted(ID, DPM, MemberFixtures.T0))
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void while_restricted_the_retention_erasure_is_deferred_and_runs_when_the_restriction_is_lifted() {
        fixture.given(registered(), membershipConsent(), restricted())
                .andGivenCommands(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .whenTimeElapses(Duration.ofDays(93))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ErasureDeferred d && d.holds().isEmpty()
                                && d.ground() == ErasureGround.RETENTION_EXPIRED),
                        andNoMore())));
        fixture.given(registered(), membershipConsent(), restricted(), deferredRetention())
                .when(new LiftRestriction(ID, DPM))
                .expectEvents(new RestrictionLifted(ID, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void an_automatic_retention_erasure_waits_for_the_restriction_but_a_requested_one_does_not() {
        fixture.given(registered(), membershipConsent(), restricted())
                .when(EraseMember.automatic(ID, ErasureGround.RETENTION_EXPIRED))
                .expectResultMessagePayload(new ErasureDeferral(ID, ErasureGround.RETENTION_EXPIRED, List.of(), true))
                .expectEvents(new ErasureDeferred(ID, List.of(), Actor.SYSTEM, fixture.currentTime(),
                        ErasureGround.RETENTION_EXPIRED));
        fixture.given(registered(), membershipConsent(), restricted())
                .when(EraseMember.automatic(ID, ErasureGround.MEMBER_REQUEST))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(p -> p instanceof MemberErased),
                        andNoMore())));
    }

    @Test
    void the_erasure_stays_deferred_while_either_a_hold_or_a_restriction_keeps_the_data() {
        fixture.given(registered(), membershipConsent(), restricted(), hold(), deferredRetention())
                .when(new LiftRestriction(ID, DPM))
                .expectEvents(new RestrictionLifted(ID, DPM, fixture.currentTime()));
        fixture.given(registered(), membershipConsent(), restricted(), hold(), deferredRetention())
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()));
        fixture.given(registered(), membershipConsent(), restricted(), hold(),
                        new ErasureDeferred(ID, List.of(HOLD), DPM, MemberFixtures.T0, ErasureGround.MEMBER_REQUEST))
                .when(new ReleaseLegalHold(ID, HOLD, DPM))
                .expectEvents(new LegalHoldReleased(ID, HOLD, DPM, fixture.currentTime()),
                        new ErasureDue(ID, ErasureGround.MEMBER_REQUEST, Actor.SYSTEM, fixture.currentTime()));
    }

    @Test
    void an_objection_ends_processing_for_its_purpose() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new RecordObjection(ID, "newsletter", DPM))
                .expectResultMessagePayload(List.of("newsletter"))
                .expectEvents(new ObjectionRecorded(ID, "newsletter", DPM, fixture.currentTime()),
                        new ConsentWithdrawn(ID, newsletterConsent("2024-05").consentId(), "newsletter", "2024-05",
                                null, DPM, fixture.currentTime()));
    }

    @Test
    void an_objection_to_the_membership_ends_the_membership() {
        fixture.given(registered(), membershipConsent())
                .when(new RecordObjection(ID, PurposeCatalog.MEMBERSHIP, DPM))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> p instanceof ObjectionRecorded),
                        matches(p -> p instanceof ConsentWithdrawn w && w.purpose().equals(PurposeCatalog.MEMBERSHIP)),
                        matches(p -> p instanceof MembershipEnded),
                        andNoMore())));
    }

    @Test
    void an_objection_is_recorded_once_for_a_known_purpose_until_the_member_consents_again() {
        ObjectionRecorded objected = new ObjectionRecorded(ID, "newsletter", DPM, MemberFixtures.T0);
        fixture.given(registered(), membershipConsent(), objected)
                .when(new RecordObjection(ID, "newsletter", DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), membershipConsent())
                .when(new RecordObjection(ID, "profiling", DPM))
                .expectException(PurposeCatalog.UnknownPurpose.class);
        fixture.given(registered(), membershipConsent(), objected, newsletterConsent("2024-06"))
                .when(new RecordObjection(ID, "newsletter", DPM))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches(p -> p instanceof ObjectionRecorded),
                        matches(p -> p instanceof ConsentWithdrawn), andNoMore())));
    }

    @Test
    void an_erased_member_accepts_no_restriction_objection_or_lifting() {
        MemberErased erased = new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0);
        for (Object command : List.of(new RestrictProcessing(ID, RestrictionGround.LEGAL_CLAIMS, DPM),
                new LiftRestriction(ID, DPM), new RecordObjection(ID, "newsletter", DPM))) {
            setUp();
            fixture.given(registered(), membershipConsent(), erased)
                    .when(command)
                    .expectException(MemberIsErased.class);
        }
    }
}
