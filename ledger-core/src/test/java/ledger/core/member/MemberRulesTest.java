package ledger.core.member;

import static ledger.core.member.MemberFixtures.DPM;
import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.MEMBERSHIP_CONSENT;
import static ledger.core.member.MemberFixtures.PORTAL;
import static ledger.core.member.MemberFixtures.consent;
import static ledger.core.member.MemberFixtures.membershipConsent;
import static ledger.core.member.MemberFixtures.newsletterConsent;
import static ledger.core.member.MemberFixtures.register;
import static ledger.core.member.MemberFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.crypto.InMemoryKeyVault;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberRefusals.MemberIsErased;
import ledger.core.member.MemberRefusals.MembershipConsentRequired;
import ledger.core.member.MemberRefusals.MembershipHasEnded;
import ledger.core.member.MemberRefusals.UsernameCannotChange;
import ledger.core.member.MemberRefusals.UsernameTaken;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.purpose.PurposeCatalog.UnknownPurpose;
import ledger.core.purpose.WithdrawalChannel;

class MemberRulesTest {

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

    @Test
    void registration_records_the_member_and_each_initial_consent_with_who_and_when() {
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(consent("portal-membership", "2024-05"), consent("newsletter", "2024-05"))))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID)
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                matches(p -> p.equals(
                                        new MemberRegistered(ID, "ada", "Ada", "Lovelace", "Analytical Engines Ltd",
                                                "ada@example.org", PORTAL, fixture.currentTime()))),
                                matches(p -> p instanceof ConsentGiven c
                                        && c.purpose().equals("portal-membership") && c.by().equals(PORTAL)
                                        && c.at().equals(fixture.currentTime())),
                                matches(p -> p instanceof ConsentGiven c
                                        && c.purpose().equals("newsletter")),
                                andNoMore())));
        assertThat(usernames.taken("ada")).isTrue();
    }

    @Test
    void registration_requires_consent_to_portal_membership() {
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(consent("newsletter", "2024-05"))))
                .expectException(MembershipConsentRequired.class)
                .expectNoEvents();
        assertThat(usernames.taken("ada")).as("a refused registration claims no username").isFalse();
    }

    @Test
    void registration_with_an_unknown_purpose_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(consent("portal-membership", "2024-05"), consent("profiling", "1"))))
                .expectException(UnknownPurpose.class)
                .expectNoEvents();
    }

    @Test
    void giving_consent_to_an_unknown_purpose_is_refused() {
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "profiling", MemberFixtures.notice("1"), "portal", PORTAL))
                .expectException(UnknownPurpose.class)
                .expectNoEvents();
    }

    @Test
    void a_username_already_taken_by_another_member_is_refused() {
        usernames.claim("ada", MemberId.random());
        fixture.givenNoPriorActivity()
                .when(register("ada", List.of(consent("portal-membership", "2024-05"))))
                .expectException(UsernameTaken.class)
                .expectNoEvents();
    }

    @Test
    void giving_a_consent_already_held_under_the_same_policy_version_records_nothing() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(newsletterConsent("2024-05").consentId())
                .expectNoEvents();
    }

    @Test
    void giving_consent_again_under_a_new_policy_version_records_it() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2025-01"), "email", PORTAL))
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                matches(p -> p instanceof ConsentGiven c
                                        && c.policyVersion().equals("2025-01") && c.channel().equals("email")),
                                andNoMore())));
    }

    @Test
    void giving_consent_answers_the_id_of_the_consent_it_records() {
        AtomicReference<UUID> recorded = new AtomicReference<>();
        fixture.given(registered(), membershipConsent())
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(p -> {
                            if (p instanceof ConsentGiven c) {
                                recorded.set(c.consentId());
                                return true;
                            }
                            return false;
                        }),
                        andNoMore())))
                .expectResultMessagePayloadMatching(matches(id -> id != null && id.equals(recorded.get())));
    }

    @Test
    void withdrawing_an_unknown_purpose_is_refused() {
        fixture.given(registered(), membershipConsent())
                .when(new WithdrawConsent(ID, Set.of("profiling"), false, WithdrawalChannel.PORTAL, PORTAL))
                .expectException(UnknownPurpose.class)
                .expectNoEvents();
    }

    @Test
    void withdrawing_all_needs_no_list_of_purposes() {
        fixture.given(registered(), membershipConsent())
                .when(new WithdrawConsent(ID, null, true, WithdrawalChannel.PORTAL, PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(List.of("portal-membership"));
    }

    @Test
    void withdrawing_a_consent_records_which_consent_it_ends() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new WithdrawConsent(ID, Set.of("newsletter"), false, WithdrawalChannel.PORTAL, PORTAL))
                .expectResultMessagePayload(List.of("newsletter"))
                .expectEvents(new ConsentWithdrawn(ID, newsletterConsent("2024-05").consentId(), "newsletter", "2024-05", WithdrawalChannel.PORTAL,
                        PORTAL, fixture.currentTime()));
    }

    @Test
    void withdrawing_what_is_not_granted_records_nothing() {
        fixture.given(registered(), membershipConsent())
                .when(new WithdrawConsent(ID, Set.of("newsletter"), false, WithdrawalChannel.PORTAL, PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(List.of())
                .expectNoEvents();
    }

    @Test
    void withdrawing_portal_membership_ends_the_membership() {
        Instant now = fixture.currentTime();
        Instant threeMonthsLater = now.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        fixture.given(registered(), membershipConsent())
                .when(new WithdrawConsent(ID, Set.of("portal-membership"), false, WithdrawalChannel.PORTAL, PORTAL))
                .expectEvents(
                        new ConsentWithdrawn(ID, MEMBERSHIP_CONSENT, "portal-membership", "2024-05", WithdrawalChannel.PORTAL,
                        PORTAL, now),
                        new MembershipEnded(ID, MembershipEndReason.MEMBER_REQUEST, threeMonthsLater, PORTAL, now));
    }

    @Test
    void withdrawing_all_withdraws_every_granted_purpose_and_ends_the_membership() {
        fixture.given(registered(), membershipConsent(), newsletterConsent("2024-05"))
                .when(new WithdrawConsent(ID, Set.of(), true, WithdrawalChannel.PORTAL, PORTAL))
                .expectResultMessagePayload(List.of("newsletter", "portal-membership"))
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                matches(p -> p instanceof ConsentWithdrawn w
                                        && w.purpose().equals("newsletter")),
                                matches(p -> p instanceof ConsentWithdrawn w
                                        && w.purpose().equals("portal-membership")),
                                matches(p -> p instanceof MembershipEnded),
                                andNoMore())));
    }

    @Test
    void the_username_can_never_change() {
        fixture.given(registered(), membershipConsent())
                .when(new EditProfile(ID, null, null, null, null, "ada2", PORTAL))
                .expectException(UsernameCannotChange.class)
                .expectNoEvents();
    }

    @Test
    void editing_the_profile_records_only_the_changed_fields() {
        fixture.given(registered(), membershipConsent())
                .when(new EditProfile(ID, "Ada", "King", null, "ada@lovelace.example", null, PORTAL))
                .expectEvents(new ProfileEdited(ID, null, "King", null, "ada@lovelace.example", PORTAL,
                        fixture.currentTime()));
    }

    @Test
    void an_edit_changes_only_the_fields_it_names_and_keeps_the_others() {
        fixture.given(registered(), membershipConsent(),
                        new ProfileEdited(ID, "Augusta", null, "Babbage & Co", null, PORTAL, MemberFixtures.T0),
                        new ProfileEdited(ID, null, "King", null, "ada@king.example", PORTAL, MemberFixtures.T0))
                .when(new EditProfile(ID, "Augusta", "King", "Babbage & Co", "ada@king.example", "ada", PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_edit_that_changes_nothing_records_nothing() {
        fixture.given(registered(), membershipConsent())
                .when(new EditProfile(ID, "Ada", null, null, null, "ada", PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_optional_field_is_removed_naming_the_field_and_never_its_value() {
        fixture.given(registered(), membershipConsent())
                .when(new EditProfile(ID, null, null, null, null, null, java.util.Set.of("company"), PORTAL))
                .expectEvents(new ProfileFieldRemoved(ID, "company", PORTAL, fixture.currentTime()));
    }

    @Test
    void a_required_field_cannot_be_removed() {
        for (String required : java.util.List.of("givenName", "familyName", "email", "username")) {
            fixture.given(registered(), membershipConsent())
                    .when(new EditProfile(ID, null, null, null, null, null, java.util.Set.of(required), PORTAL))
                    .expectException(MemberRefusals.RequiredFieldCannotBeRemoved.class)
                    .expectNoEvents();
        }
    }

    @Test
    void removing_a_field_already_removed_records_nothing() {
        fixture.given(registered(), membershipConsent(), new ProfileFieldRemoved(ID, "company", PORTAL, MemberFixtures.T0))
                .when(new EditProfile(ID, null, null, null, null, null, java.util.Set.of("company"), PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_download_is_recorded_with_the_document() {
        fixture.given(registered(), membershipConsent())
                .when(new RecordDownload(ID, "doc-42", "Price list", PORTAL))
                .expectEvents(new DocumentDownloaded(ID, "doc-42", "Price list", PORTAL, fixture.currentTime()));
    }

    @Test
    void ending_the_membership_sets_erasure_due_after_the_retention_period() {
        Instant now = fixture.currentTime();
        Instant due = now.atZone(ZoneOffset.UTC).plusMonths(3).toInstant();
        fixture.given(registered(), membershipConsent())
                .when(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .expectResultMessagePayload(due)
                .expectEvents(new MembershipEnded(ID, MembershipEndReason.CEASED_PARTNER, due, DPM, now));
    }

    @Test
    void ending_an_ended_membership_records_nothing_and_answers_the_erasure_date_already_set() {
        Instant due = Instant.parse("2026-04-10T09:00:00Z");
        fixture.given(registered(), membershipConsent(),
                        new MembershipEnded(ID, MembershipEndReason.MISUSE, due, DPM, MemberFixtures.T0))
                .when(new EndMembership(ID, MembershipEndReason.CEASED_PARTNER, DPM))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(due)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_ended_membership_accepts_no_new_consent_or_download() {
        MembershipEnded ended = new MembershipEnded(ID, MembershipEndReason.MISUSE, Instant.parse("2026-04-10T09:00:00Z"),
                DPM, MemberFixtures.T0);
        fixture.given(registered(), membershipConsent(), ended)
                .when(new RecordDownload(ID, "doc-1", null, PORTAL))
                .expectException(MembershipHasEnded.class)
                .expectNoEvents();
        fixture.given(registered(), membershipConsent(), ended)
                .when(new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL))
                .expectException(MembershipHasEnded.class)
                .expectNoEvents();
    }

    @Test
    void erasure_records_the_ground_frees_the_username_shreds_the_key_and_purges_the_read_side() {
        usernames.claim("ada", ID);
        keys.keyForWriting(ID.value());
        fixture.given(registered(), membershipConsent())
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectEvents(new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, fixture.currentTime()))
                .expectResultMessagePayload(new ErasureReceipt(ID, ErasureGround.MEMBER_REQUEST, fixture.currentTime()));
        assertThat(usernames.taken("ada")).isFalse();
        assertThat(keys.isShredded(ID.value())).isTrue();
        assertThat(keys.hasKey(ID.value())).isFalse();
        assertThat(purged).containsExactly(ID.value());
    }

    @Test
    void erasing_an_unknown_member_is_refused_and_shreds_nothing() {
        fixture.givenNoPriorActivity()
                .when(EraseMember.manual(ID, ErasureGround.MEMBER_REQUEST, DPM))
                .expectException(MemberRefusals.UnknownMember.class)
                .expectNoEvents();
        assertThat(keys.isShredded(ID.value())).isFalse();
        assertThat(purged).isEmpty();
    }

    @Test
    void a_repeated_erasure_answers_the_same_receipt_and_records_nothing() {
        Instant erasedAt = Instant.parse("2026-02-01T10:00:00Z");
        fixture.given(registered(), membershipConsent(), new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, erasedAt))
                .when(EraseMember.manual(ID, ErasureGround.RETENTION_EXPIRED, DPM))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ErasureReceipt(ID, ErasureGround.MEMBER_REQUEST, erasedAt))
                .expectNoEvents();
    }

    @Test
    void an_erased_member_accepts_no_further_command() {
        MemberErased erased = new MemberErased(ID, ErasureGround.MEMBER_REQUEST, DPM, MemberFixtures.T0);
        List<Object> commands = List.of(
                new GiveConsent(ID, "newsletter", MemberFixtures.notice("2024-05"), "portal", PORTAL),
                new WithdrawConsent(ID, Set.of(), true, WithdrawalChannel.PORTAL, PORTAL),
                new RecordDownload(ID, "doc-1", null, PORTAL),
                new EditProfile(ID, "Eve", null, null, null, null, PORTAL),
                new EndMembership(ID, MembershipEndReason.MISUSE, DPM),
                new IssueRegisterExtract(ID, "json", DPM));
        for (Object command : commands) {
            fixture.given(registered(), membershipConsent(), erased)
                    .when(command)
                    .expectException(MemberIsErased.class)
                    .expectNoEvents();
        }
    }

    @Test
    void issuing_a_register_extract_is_recorded_with_who_and_when() {
        fixture.given(registered(), membershipConsent())
                .when(new IssueRegisterExtract(ID, "json", DPM))
                .expectResultMessagePayload(fixture.currentTime())
                .expectEvents(new RegisterExtractIssued(ID, "json", DPM, fixture.currentTime()));
    }

    @Test
    void a_new_registration_with_an_erased_members_username_is_accepted() {
        usernames.claim("ada", ID);
        usernames.release(ID);
        MemberId newcomer = MemberId.random();
        fixture.givenNoPriorActivity()
                .when(new RegisterMember(newcomer, "ada", "A", "B", "C", "c@example.org",
                        List.of(consent(PurposeCatalog.MEMBERSHIP, "2024-05")), PORTAL))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(newcomer);
    }

    @Test
    void an_edit_of_a_single_field_records_that_field_alone() {
        List<EditProfile> edits = List.of(
                new EditProfile(ID, "Augusta", null, null, null, null, PORTAL),
                new EditProfile(ID, null, "King", null, null, null, PORTAL),
                new EditProfile(ID, null, null, "Babbage & Co", null, null, PORTAL),
                new EditProfile(ID, null, null, null, "ada@king.example", null, PORTAL));
        List<ProfileEdited> recorded = List.of(
                new ProfileEdited(ID, "Augusta", null, null, null, PORTAL, fixture.currentTime()),
                new ProfileEdited(ID, null, "King", null, null, PORTAL, fixture.currentTime()),
                new ProfileEdited(ID, null, null, "Babbage & Co", null, PORTAL, fixture.currentTime()),
                new ProfileEdited(ID, null, null, null, "ada@king.example", PORTAL, fixture.currentTime()));
        for (int i = 0; i < edits.size(); i++) {
            fixture.given(registered(), membershipConsent())
                    .when(edits.get(i))
                    .expectEvents(recorded.get(i));
        }
    }

    @Test
    void removing_the_company_wins_over_a_new_value_for_it_in_the_same_edit() {
        fixture.given(registered(), membershipConsent())
                .when(new EditProfile(ID, null, null, "Babbage & Co", null, null, Set.of("company"), PORTAL))
                .expectEvents(new ProfileFieldRemoved(ID, "company", PORTAL, fixture.currentTime()));
    }

    @Test
    void an_edit_without_a_list_of_removals_removes_nothing() {
        EditProfile edit = new EditProfile(ID, "Augusta", null, null, null, null, null, PORTAL);
        assertThat(edit.removed()).isEmpty();
        fixture.given(registered(), membershipConsent())
                .when(edit)
                .expectEvents(new ProfileEdited(ID, "Augusta", null, null, null, PORTAL, fixture.currentTime()));
    }
}
