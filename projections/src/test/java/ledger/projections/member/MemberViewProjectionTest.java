package ledger.projections.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.consent.FindMembersToReconsent;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.ErasureDeferred;
import ledger.core.member.ErasureDue;
import ledger.core.member.FindMember;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.LegalHoldPlaced;
import ledger.core.member.LegalHoldReleased;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.member.MembershipEndReason;
import ledger.core.member.MembershipEnded;
import ledger.core.member.ObjectionRecorded;
import ledger.core.member.ProcessingRestricted;
import ledger.core.member.ProfileEdited;
import ledger.core.member.ProfileFieldRemoved;
import ledger.core.member.RegisterExtractIssued;
import ledger.core.member.RestrictionGround;
import ledger.core.member.RestrictionLifted;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;
import ledger.projections.support.ErasedSubjects;
import ledger.projections.support.ProjectionTest;

class MemberViewProjectionTest extends ProjectionTest {

    @Autowired
    MemberViewProjection projection;

    @Autowired
    MemberViewPurge purge;

    @Autowired
    ErasedSubjects erased;

    private MemberId registered() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberRegistered(id, "user-" + id, "Given", "Family", "Company",
                "mail@example.org", PORTAL, at(0)), 0));
        return id;
    }

    private MemberView view(MemberId id) {
        return projection.view(id.value()).orElseThrow();
    }

    private ConsentGiven given(MemberId id, String purpose, String version, long second) {
        return new ConsentGiven(id, UUID.randomUUID(), purpose, version, null, "en", "portal", PORTAL, at(second));
    }

    @Test
    void a_registration_shows_an_active_member_with_its_profile_and_nothing_else_yet() {
        MemberId id = registered();

        MemberView view = view(id);
        assertThat(view.memberId()).isEqualTo(id.value());
        assertThat(view.username()).isEqualTo("user-" + id);
        assertThat(view.givenName()).isEqualTo("Given");
        assertThat(view.familyName()).isEqualTo("Family");
        assertThat(view.company()).isEqualTo("Company");
        assertThat(view.email()).isEqualTo("mail@example.org");
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.consents()).isEmpty();
        assertThat(view.downloads()).isZero();
        assertThat(view.registeredAt()).isEqualTo(at(0));
        assertThat(view.lastActivityAt()).isEqualTo(at(0));
        assertThat(view.erasureDueAt()).isNull();
        assertThat(view.legalHolds()).isEmpty();
        assertThat(view.version()).isZero();
    }

    @Test
    void a_registration_seen_again_changes_nothing() {
        MemberId id = registered();
        batch(() -> projection.on(new MemberRegistered(id, "other", "Other", "Other", "Other", "other@example.org",
                PORTAL, at(9)), 0));

        assertThat(view(id).username()).isEqualTo("user-" + id);
        assertThat(view(id).registeredAt()).isEqualTo(at(0));
    }

    @Test
    void a_consent_given_is_shown_granted_under_its_policy_version_and_counts_as_activity() {
        MemberId id = registered();
        batch(() -> projection.on(given(id, "newsletter", "2024-05", 5), 1));

        MemberView view = view(id);
        assertThat(view.consents()).containsOnlyKeys("newsletter");
        assertThat(view.consents().get("newsletter"))
                .isEqualTo(new MemberView.ConsentState(true, "2024-05", at(5), false));
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.lastActivityAt()).isEqualTo(at(5));
    }

    @Test
    void a_withdrawal_closes_the_open_consent_of_that_purpose() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "portal-membership", "1", 1), 1);
            projection.on(given(id, "newsletter", "2024-05", 2), 2);
        });
        batch(() -> projection.on(new ConsentWithdrawn(id, UUID.randomUUID(), "newsletter", "2024-05", WithdrawalChannel.PORTAL, PORTAL,
                at(7)), 3));

        MemberView view = view(id);
        assertThat(view.consents().get("newsletter")).isEqualTo(new MemberView.ConsentState(false, "2024-05", at(7), false));
        assertThat(view.consents().get("portal-membership")).isEqualTo(new MemberView.ConsentState(true, "1", at(1), false));
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.lastActivityAt()).isEqualTo(at(7));
    }

    @Test
    void consents_are_listed_by_purpose() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "portal-membership", "1", 1), 1);
            projection.on(given(id, "newsletter", "1", 2), 2);
        });

        assertThat(view(id).consents().keySet()).containsExactly("newsletter", "portal-membership");
    }

    @Test
    void an_event_the_view_already_reflects_changes_nothing() {
        MemberId id = registered();
        ConsentGiven consent = given(id, "newsletter", "1", 1);
        DocumentDownloaded download = new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2));
        ProfileEdited edit = new ProfileEdited(id, null, null, "Edited", null, PORTAL, at(4));
        MembershipEnded ended = new MembershipEnded(id, MembershipEndReason.MEMBER_REQUEST, at(100), PORTAL, at(6));
        batch(() -> {
            projection.on(consent, 1);
            projection.on(download, 2);
            projection.on(new ConsentWithdrawn(id, consent.consentId(), "newsletter", "1", WithdrawalChannel.PORTAL, PORTAL, at(3)), 3);
            projection.on(edit, 4);
        });
        // a redelivery, e.g. after a token reset or a lost claim
        batch(() -> {
            projection.on(consent, 1);
            projection.on(download, 2);
            projection.on(new ProfileEdited(id, null, null, "Stale", null, PORTAL, at(1)), 4);
            projection.on(ended, 3);
        });

        MemberView view = view(id);
        assertThat(view.consents().get("newsletter").granted()).isFalse();
        assertThat(view.downloads()).isEqualTo(1);
        assertThat(projection.downloads(id.value())).hasSize(1);
        assertThat(view.company()).isEqualTo("Edited");
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.erasureDueAt()).isNull();
        assertThat(view.version()).isEqualTo(4);
        assertThat(view.lastActivityAt()).isEqualTo(at(4));
    }

    @Test
    void a_download_is_counted_and_listed_with_its_document_and_title() {
        MemberId id = registered();
        batch(() -> {
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(1)), 1);
            projection.on(new DocumentDownloaded(id, "doc-2", null, PORTAL, at(2)), 2);
        });

        assertThat(view(id).downloads()).isEqualTo(2);
        assertThat(view(id).lastActivityAt()).isEqualTo(at(2));
        List<MemberDownloadRow> downloads = projection.downloads(id.value());
        assertThat(downloads).extracting(MemberDownloadRow::seq).containsExactly(1L, 2L);
        assertThat(downloads.get(0).documentId()).isEqualTo("doc-1");
        assertThat(downloads.get(0).title()).isEqualTo("Price list");
        assertThat(downloads.get(0).at()).isEqualTo(at(1));
        assertThat(downloads.get(0).memberId()).isEqualTo(id.value());
        assertThat(downloads.get(1).title()).isNull();
    }

    @Test
    void a_removed_company_is_gone_from_the_view_and_a_redelivery_does_not_remove_a_later_one() {
        MemberId id = registered();
        batch(() -> projection.on(new ProfileFieldRemoved(id, "company", PORTAL, at(3)), 1));
        assertThat(view(id).company()).isNull();
        assertThat(view(id).givenName()).as("the other fields stay").isNotNull();

        batch(() -> projection.on(new ProfileEdited(id, null, null, "Later company", null, PORTAL, at(4)), 2));
        // the removal delivered again after the later edit changes nothing
        batch(() -> projection.on(new ProfileFieldRemoved(id, "company", PORTAL, at(3)), 1));
        assertThat(view(id).company()).isEqualTo("Later company");
    }

    @Test
    void a_profile_edit_changes_only_the_fields_it_sets() {
        MemberId id = registered();
        batch(() -> projection.on(new ProfileEdited(id, "New given", null, null, "new@example.org", PORTAL, at(3)),
                1));
        batch(() -> projection.on(new ProfileEdited(id, null, "New family", "New company", null, PORTAL, at(4)), 2));

        MemberView view = view(id);
        assertThat(view.givenName()).isEqualTo("New given");
        assertThat(view.familyName()).isEqualTo("New family");
        assertThat(view.company()).isEqualTo("New company");
        assertThat(view.email()).isEqualTo("new@example.org");
        assertThat(view.username()).isEqualTo("user-" + id);
        assertThat(view.lastActivityAt()).isEqualTo(at(4));
    }

    @Test
    void an_ended_membership_shows_when_its_data_falls_due_for_erasure() {
        MemberId id = registered();
        batch(() -> projection.on(new MembershipEnded(id, MembershipEndReason.CEASED_PARTNER, at(1000), DPM, at(5)),
                1));

        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ENDED");
        assertThat(view.erasureDueAt()).isEqualTo(at(1000));
        assertThat(view.givenName()).isEqualTo("Given");
    }

    @Test
    void events_that_are_no_activity_of_the_member_move_only_the_version() {
        MemberId id = registered();
        batch(() -> projection.on(new RegisterExtractIssued(id, "json", DPM, at(10)), 1));
        assertThat(view(id).version()).isEqualTo(1);
        batch(() -> projection.on(new ErasureDue(id, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, at(20)), 2));
        assertThat(view(id).version()).isEqualTo(2);
        batch(() -> projection.on(new ErasureDeferred(id, List.of(UUID.randomUUID()), Actor.SYSTEM, at(30), ErasureGround.RETENTION_EXPIRED), 3));

        MemberView view = view(id);
        assertThat(view.version()).isEqualTo(3);
        assertThat(view.lastActivityAt()).isEqualTo(at(0));
        assertThat(view.status()).isEqualTo("ACTIVE");
    }

    @Test
    void a_use_of_the_portal_moves_the_last_activity_and_a_warning_only_the_version() {
        MemberId id = registered();
        batch(() -> projection.on(new ledger.core.member.PortalUsed(id, java.time.LocalDate.of(2026, 1, 1), PORTAL,
                at(10)), 1));
        assertThat(view(id).lastActivityAt()).isEqualTo(at(10));
        batch(() -> projection.on(new ledger.core.member.InactivityWarned(id, at(100), Actor.SYSTEM, at(20)), 2));
        assertThat(view(id).version()).isEqualTo(2);
        assertThat(view(id).lastActivityAt()).isEqualTo(at(10));
    }

    @Test
    void a_legal_hold_is_listed_until_it_is_released() {
        MemberId id = registered();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        batch(() -> {
            projection.on(new LegalHoldPlaced(id, second, LegalHoldGround.SECURITY, "why", DPM, at(2), null), 1);
            projection.on(new LegalHoldPlaced(id, first, LegalHoldGround.LEGAL_CLAIMS, "why", DPM, at(1), null), 2);
        });
        assertThat(view(id).legalHolds()).containsExactly(
                new MemberView.LegalHold(first, "LEGAL_CLAIMS", at(1), null),
                new MemberView.LegalHold(second, "SECURITY", at(2), null));

        batch(() -> projection.on(new LegalHoldReleased(id, first, DPM, at(3)), 3));
        assertThat(view(id).legalHolds()).containsExactly(new MemberView.LegalHold(second, "SECURITY", at(2), null));
        assertThat(view(id).version()).isEqualTo(3);
        assertThat(view(id).lastActivityAt()).as("the DPM's acts are no activity of the member").isEqualTo(at(0));
    }

    @Test
    void a_legal_hold_event_seen_again_changes_nothing() {
        MemberId id = registered();
        UUID hold = UUID.randomUUID();
        LegalHoldPlaced placed = new LegalHoldPlaced(id, hold, LegalHoldGround.SECURITY, "why", DPM, at(1), null);
        batch(() -> {
            projection.on(placed, 1);
            projection.on(new LegalHoldReleased(id, hold, DPM, at(2)), 2);
        });
        UUID later = UUID.randomUUID();
        batch(() -> projection.on(new LegalHoldPlaced(id, later, LegalHoldGround.ARCHIVING, "why", DPM, at(3), null), 3));
        batch(() -> {
            projection.on(placed, 1);
            projection.on(new LegalHoldReleased(id, later, DPM, at(2)), 2);
        });

        assertThat(view(id).legalHolds()).extracting(MemberView.LegalHold::holdId).containsExactly(later);
    }

    @Test
    void erasure_nulls_every_personal_field_drops_downloads_and_holds_and_keeps_the_audit_facts() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "newsletter", "1", 1), 1);
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2)), 2);
            projection.on(new LegalHoldPlaced(id, UUID.randomUUID(), LegalHoldGround.SECURITY, "why", DPM, at(3), null), 3);
            projection.on(new MembershipEnded(id, MembershipEndReason.MEMBER_REQUEST, at(1000), PORTAL, at(4)), 4);
        });
        batch(() -> projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(5)), 5));

        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ERASED");
        assertThat(view.username()).isNull();
        assertThat(view.givenName()).isNull();
        assertThat(view.familyName()).isNull();
        assertThat(view.company()).isNull();
        assertThat(view.email()).isNull();
        assertThat(view.erasureDueAt()).isNull();
        assertThat(view.legalHolds()).isEmpty();
        assertThat(projection.downloads(id.value())).isEmpty();
        assertThat(view.downloads()).isEqualTo(1);
        assertThat(view.consents()).containsOnlyKeys("newsletter");
        assertThat(view.registeredAt()).isEqualTo(at(0));
        assertThat(view.version()).isEqualTo(5);
    }

    @Test
    void erasure_applies_even_when_the_view_is_already_past_it() {
        MemberId id = registered();
        batch(() -> {
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(1)), 1);
            projection.on(new LegalHoldPlaced(id, UUID.randomUUID(), LegalHoldGround.SECURITY, "why", DPM, at(2), null), 2);
            projection.on(new RegisterExtractIssued(id, "json", DPM, at(3)), 9);
        });
        batch(() -> projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(4)), 5));

        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ERASED");
        assertThat(view.username()).isNull();
        assertThat(projection.downloads(id.value())).isEmpty();
        assertThat(view.legalHolds()).isEmpty();
        assertThat(view.version()).isEqualTo(9);
    }

    @Test
    void erasure_leaves_other_members_alone() {
        MemberId erased = registered();
        MemberId other = registered();
        batch(() -> {
            projection.on(new DocumentDownloaded(other, "doc-1", "Price list", PORTAL, at(1)), 1);
            projection.on(new LegalHoldPlaced(other, UUID.randomUUID(), LegalHoldGround.SECURITY, "why", DPM, at(2), null),
                    2);
        });
        batch(() -> projection.on(new MemberErased(erased, ErasureGround.MEMBER_REQUEST, DPM, at(3)), 1));

        assertThat(view(other).username()).isEqualTo("user-" + other);
        assertThat(view(other).legalHolds()).hasSize(1);
        assertThat(projection.downloads(other.value())).hasSize(1);
    }

    @Test
    void the_purge_nulls_the_personal_fields_and_deletes_the_downloads_at_once() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "newsletter", "1", 1), 1);
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2)), 2);
        });
        MemberId other = registered();
        batch(() -> projection.on(new DocumentDownloaded(other, "doc-1", "Price list", PORTAL, at(2)), 1));

        batch(() -> purge.purge(id.value()));

        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ERASED");
        assertThat(view.username()).isNull();
        assertThat(view.email()).isNull();
        assertThat(projection.downloads(id.value())).isEmpty();
        assertThat(projection.profileValues(id.value())).isEmpty();
        assertThat(view.consents()).containsOnlyKeys("newsletter");
        assertThat(view.version()).as("the projection still applies the erasure event itself").isEqualTo(2);
        assertThat(projection.downloads(other.value())).hasSize(1);
        assertThat(view(other).username()).isNotNull();
    }

    @Test
    void every_value_the_profile_was_given_is_kept_with_its_event_and_an_edit_seen_again_adds_none() {
        MemberId id = registered();
        batch(() -> projection.on(new ProfileEdited(id, null, "Newname", null, null, PORTAL, at(4)), 1));
        batch(() -> projection.on(new ProfileEdited(id, null, "Newname", null, null, PORTAL, at(4)), 1));

        assertThat(projection.profileValues(id.value())).extracting(MemberProfileValueRow::field,
                MemberProfileValueRow::seq).containsExactly(org.assertj.core.groups.Tuple.tuple("company", 0L),
                org.assertj.core.groups.Tuple.tuple("email", 0L), org.assertj.core.groups.Tuple.tuple("familyName", 0L),
                org.assertj.core.groups.Tuple.tuple("familyName", 1L), org.assertj.core.groups.Tuple.tuple("givenName", 0L));
        assertThat(projection.profileValues(id.value()).get(3).value()).isEqualTo("Newname");
        assertThat(projection.profileValues(id.value()).get(3).at()).isEqualTo(at(4));
    }

    @Test
    void a_restriction_shows_processing_restricted_with_its_ground_until_it_is_lifted() {
        MemberId id = registered();
        assertThat(view(id).processingRestricted()).isFalse();
        batch(() -> projection.on(new ProcessingRestricted(id, RestrictionGround.ACCURACY_CONTESTED, DPM, at(3)), 1));

        assertThat(view(id).processingRestricted()).isTrue();
        assertThat(view(id).restriction()).isEqualTo(new MemberView.Restriction("ACCURACY_CONTESTED", at(3)));
        assertThat(view(id).version()).isEqualTo(1);
        batch(() -> projection.on(new RestrictionLifted(id, DPM, at(4)), 2));
        assertThat(view(id).processingRestricted()).isFalse();
        assertThat(view(id).restriction()).isNull();
        batch(() -> projection.on(new ProcessingRestricted(id, RestrictionGround.LEGAL_CLAIMS, DPM, at(3)), 1));
        assertThat(view(id).restriction()).as("an event seen again changes nothing").isNull();
    }

    @Test
    void a_legal_hold_restricts_processing_and_shows_its_review_date() {
        MemberId id = registered();
        UUID hold = UUID.randomUUID();
        batch(() -> projection.on(new LegalHoldPlaced(id, hold, LegalHoldGround.LEGAL_CLAIMS, "why", DPM, at(1),
                java.time.LocalDate.of(2027, 3, 1)), 1));

        assertThat(view(id).processingRestricted()).isTrue();
        assertThat(view(id).restriction()).isNull();
        assertThat(view(id).legalHolds()).containsExactly(new MemberView.LegalHold(hold, "LEGAL_CLAIMS", at(1),
                java.time.LocalDate.of(2027, 3, 1)));
    }

    @Test
    void an_objection_is_listed_until_the_member_consents_to_the_purpose_again() {
        MemberId id = registered();
        batch(() -> projection.on(new ObjectionRecorded(id, "newsletter", DPM, at(2)), 1));
        assertThat(view(id).objections()).containsExactly(new MemberView.Objection("newsletter", at(2)));

        batch(() -> projection.on(given(id, "newsletter", "2024-06", 3), 2));
        assertThat(view(id).objections()).isEmpty();
    }

    @Test
    void a_consent_the_view_already_reflects_changes_neither_the_consent_nor_an_objection_recorded_after_it() {
        MemberId id = registered();
        ConsentGiven consent = given(id, "newsletter", "2024-06", 2);
        batch(() -> projection.on(consent, 1));
        batch(() -> projection.on(new ConsentWithdrawn(id, consent.consentId(), "newsletter", "2024-06",
                WithdrawalChannel.PORTAL, PORTAL, at(3)), 2));
        batch(() -> projection.on(new ObjectionRecorded(id, "newsletter", DPM, at(4)), 3));
        MemberView before = view(id);

        batch(() -> projection.on(consent, 1));
        batch(() -> projection.on(given(id, "newsletter", "2024-07", 5), 3));

        assertThat(view(id)).isEqualTo(before);
        assertThat(view(id).objections()).containsExactly(new MemberView.Objection("newsletter", at(4)));
        assertThat(view(id).consents().get("newsletter"))
                .isEqualTo(new MemberView.ConsentState(false, "2024-06", at(3), false));
    }

    @Test
    void the_query_answers_the_member_view_and_nothing_for_an_unknown_member() {
        MemberId id = registered();

        assertThat(projection.handle(new FindMember(id))).contains(view(id));
        assertThat(projection.handle(new FindMember(MemberId.random()))).isEmpty();
        assertThat(projection.view(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_batch_that_fails_leaves_none_of_its_writes_behind() {
        MemberId id = registered();
        assertThatThrownBy(() -> batch(() -> {
            projection.on(given(id, "newsletter", "1", 1), 1);
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2)), 2);
            throw new IllegalStateException("the handler after them fails");
        })).isInstanceOf(IllegalStateException.class);

        MemberView view = view(id);
        assertThat(view.version()).isZero();
        assertThat(view.consents()).isEmpty();
        assertThat(view.downloads()).isZero();
        assertThat(projection.downloads(id.value())).isEmpty();
    }

    @Test
    void a_reset_empties_every_table_of_the_member_view_for_a_rebuild() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "newsletter", "1", 1), 1);
            projection.on(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2)), 2);
            projection.on(new LegalHoldPlaced(id, UUID.randomUUID(), LegalHoldGround.SECURITY, "why", DPM, at(3), null), 3);
        });

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM member_view")).isZero();
        assertThat(count("SELECT count(*) FROM member_view_consent")).isZero();
        assertThat(count("SELECT count(*) FROM member_view_download")).isZero();
        assertThat(count("SELECT count(*) FROM member_view_hold")).isZero();
        assertThat(count("SELECT count(*) FROM member_view_profile_value")).isZero();
        assertThat(count("SELECT count(*) FROM member_view_objection")).isZero();
        assertThat(projection.view(id.value())).isEmpty();
    }

    @Test
    void events_projected_after_the_erasure_write_nothing_personal_and_grant_nothing() {
        MemberId id = registered();
        batch(() -> projection.on(given(id, "newsletter", "2024-05", 1), 1));
        batch(() -> purge.purge(id.value()));
        erased.shred(id.value());

        // events committed before the erasure, decrypted before the shred, projected after it
        batch(() -> {
            projection.on(new ProfileEdited(id, "Late", null, "LateCompany", "late@example.org", PORTAL, at(2)), 2);
            projection.on(new DocumentDownloaded(id, "late-doc", "Late title", PORTAL, at(3)), 3);
            projection.on(given(id, "portal-membership", "2024-05", 4), 4);
            projection.on(new MembershipEnded(id, MembershipEndReason.MEMBER_REQUEST, at(9), PORTAL, at(5)), 5);
        });

        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ERASED");
        assertThat(view.givenName()).isNull();
        assertThat(view.company()).isNull();
        assertThat(view.email()).isNull();
        assertThat(projection.downloads(id.value())).isEmpty();
        assertThat(view.consents().values()).allMatch(consent -> !consent.granted());
        assertThat(view.version()).as("the version still follows the events").isEqualTo(5);
        assertThat(projection.profileValues(id.value())).isEmpty();
    }

    @Test
    void a_registration_projected_after_the_erasure_keeps_no_personal_field() {
        MemberId id = MemberId.random();
        erased.shred(id.value());
        batch(() -> projection.on(new MemberRegistered(id, "user-" + id, "Given", "Family", "Company",
                "mail@example.org", PORTAL, at(0)), 0));
        MemberView view = view(id);
        assertThat(view.status()).isEqualTo("ERASED");
        assertThat(view.username()).isNull();
        assertThat(view.givenName()).isNull();
    }

    @Test
    void the_erasure_withdraws_every_consent_of_the_view() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "portal-membership", "2024-05", 1), 1);
            projection.on(given(id, "newsletter", "2024-05", 2), 2);
            projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, PORTAL, at(3)), 3);
        });
        assertThat(view(id).consents()).hasSize(2);
        assertThat(view(id).consents().values()).allMatch(consent -> !consent.granted());
    }

    @Test
    void members_whose_granted_consent_rests_on_a_version_not_up_to_date_are_listed_in_member_id_order() {
        String purpose = "p-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId onOld = registered();
        MemberId onCurrent = registered();
        MemberId onUnregistered = registered();
        MemberId withdrew = registered();
        MemberId ended = registered();
        MemberId gone = registered();
        batch(() -> {
            projection.on(given(onOld, purpose, "v1", 1), 1);
            projection.on(given(onCurrent, purpose, "v2", 1), 1);
            projection.on(given(onUnregistered, purpose, "legacy-7", 1), 1);
            projection.on(given(withdrew, purpose, "v1", 1), 1);
            projection.on(new ConsentWithdrawn(withdrew, UUID.randomUUID(), purpose, "v1", WithdrawalChannel.EMAIL,
                    PORTAL, at(2)), 2);
            projection.on(given(ended, purpose, "v1", 1), 1);
            projection.on(new MembershipEnded(ended, MembershipEndReason.MISUSE, at(100), DPM, at(2)), 2);
            projection.on(given(gone, purpose, "v1", 1), 1);
            projection.on(new MemberErased(gone, ErasureGround.MEMBER_REQUEST, DPM, at(2)), 2);
        });
        java.util.Map<String, java.util.Set<String>> upToDate = java.util.Map.of(purpose, java.util.Set.of("v2"));
        List<UUID> expected = java.util.stream.Stream.of(onOld, onUnregistered).map(MemberId::value)
                .sorted(java.util.Comparator.comparing(UUID::toString)).toList();

        assertThat(projection.handle(new FindMembersToReconsent(upToDate, null, 10)).memberIds())
                .containsExactlyElementsOf(expected);
        List<UUID> first = projection.handle(new FindMembersToReconsent(upToDate, null, 1)).memberIds();
        assertThat(first).containsExactly(expected.get(0));
        assertThat(projection.handle(new FindMembersToReconsent(upToDate, first.get(0), 1)).memberIds())
                .containsExactly(expected.get(1));
        assertThat(projection.handle(new FindMembersToReconsent(
                java.util.Map.of(purpose, java.util.Set.of("v1", "v2", "legacy-7")), null, 10)).memberIds())
                .as("every version up to date").isEmpty();
        assertThat(projection.handle(new FindMembersToReconsent(java.util.Map.of(), null, 10)).memberIds()).isEmpty();
    }

    @Test
    void a_member_listed_for_two_purposes_is_listed_once() {
        String one = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String two = "p-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId member = registered();
        batch(() -> {
            projection.on(given(member, one, "v1", 1), 1);
            projection.on(given(member, two, "v1", 2), 2);
        });
        assertThat(projection.handle(new FindMembersToReconsent(
                java.util.Map.of(one, java.util.Set.of("v2"), two, java.util.Set.of("v2")), null, 10)).memberIds())
                .containsExactly(member.value());
    }

    @Test
    void the_reconsent_flag_is_set_on_granted_consents_only() {
        MemberId id = registered();
        batch(() -> {
            projection.on(given(id, "portal-membership", "v1", 1), 1);
            projection.on(given(id, "newsletter", "v1", 2), 2);
            projection.on(new ConsentWithdrawn(id, UUID.randomUUID(), "newsletter", "v1", WithdrawalChannel.PORTAL,
                    PORTAL, at(3)), 3);
        });
        MemberView flagged = view(id).withReconsent((purpose, state) -> true);
        assertThat(flagged.consents().get("portal-membership").reconsentRequired()).isTrue();
        assertThat(flagged.consents().get("newsletter").reconsentRequired()).isFalse();
        assertThat(view(id).withReconsent((purpose, state) -> false).consents().get("portal-membership")
                .reconsentRequired()).isFalse();
        assertThat(flagged.version()).isEqualTo(view(id).version());
    }

    @Test
    void a_batch_that_writes_downloads_and_profile_values_at_its_end_leaves_the_view_that_events_written_one_by_one_leave() {
        MemberId kept = MemberId.random();
        MemberId keptAtTheEnd = MemberId.random();
        MemberId erasedMember = MemberId.random();
        MemberId erasedAtTheEnd = MemberId.random();
        for (MemberId id : List.of(kept, keptAtTheEnd, erasedMember, erasedAtTheEnd)) {
            boolean erasing = id == erasedMember || id == erasedAtTheEnd;
            Runnable events = () -> {
                projection.on(new MemberRegistered(id, "user-" + id, "Given", "Family", "Co", "m@example.org", PORTAL,
                        at(0)), 0);
                projection.on(new DocumentDownloaded(id, "doc-1", "Title 1", PORTAL, at(1)), 1);
                projection.on(new ProfileEdited(id, "Other", null, "New Co", null, PORTAL, at(2)), 2);
                projection.on(new DocumentDownloaded(id, "doc-2", "Title 2", PORTAL, at(3)), 3);
                if (erasing) {
                    // deletes the downloads and values the batch collected before it
                    projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(4)), 4);
                }
            };
            if (id == kept || id == erasedMember) {
                batch(events);
            } else {
                batchWrittenAtItsEnd(events, () -> assertThat(count(
                        "SELECT count(*) FROM member_view_download WHERE member_id = ?", id.value()))
                        .as("collected until the end").isZero());
            }
        }

        assertThat(projection.downloads(keptAtTheEnd.value())).hasSize(2);
        assertThat(projection.downloads(keptAtTheEnd.value()).stream().map(MemberViewProjectionTest::withoutIds).toList())
                .isEqualTo(projection.downloads(kept.value()).stream().map(MemberViewProjectionTest::withoutIds).toList());
        assertThat(projection.profileValues(keptAtTheEnd.value())).hasSize(6);
        assertThat(projection.profileValues(keptAtTheEnd.value()).stream().map(MemberViewProjectionTest::withoutIds).toList())
                .isEqualTo(projection.profileValues(kept.value()).stream().map(MemberViewProjectionTest::withoutIds).toList());
        assertThat(view(keptAtTheEnd).downloads()).isEqualTo(2).isEqualTo(view(kept).downloads());
        assertThat(view(keptAtTheEnd).version()).isEqualTo(3);
        for (MemberId id : List.of(erasedMember, erasedAtTheEnd)) {
            assertThat(projection.downloads(id.value())).isEmpty();
            assertThat(projection.profileValues(id.value())).isEmpty();
            assertThat(view(id).downloads()).isEqualTo(2);
        }
    }

    @Test
    void downloads_after_the_batchs_own_claim_of_a_member_are_counted_in_one_update_at_its_end_as_one_by_one() {
        MemberId oneByOne = registered();
        MemberId first = registered();
        MemberId second = registered();
        java.util.function.BiConsumer<MemberId, Long> download = (id, seq) -> projection.on(
                new DocumentDownloaded(id, "doc-" + seq, "Title " + seq, PORTAL, at(seq)), seq);
        java.util.function.Consumer<MemberId> events = id -> {
            download.accept(id, 1L); // the batch's claim of the row: it holds the row's lock from here on
            download.accept(id, 2L);
            download.accept(id, 3L);
            // moves the version: the member's downloads collected before it are written first
            projection.on(new RegisterExtractIssued(id, "json", DPM, at(4)), 4);
            download.accept(id, 2L); // seen again: changes nothing
            download.accept(id, 5L);
            download.accept(id, 6L);
        };
        batch(() -> events.accept(oneByOne));
        batchWrittenAtItsEnd(() -> {
            events.accept(first);
            events.accept(second);
        }, () -> {
            // (the first member's were written when the second's extract wrote the batch's collected downloads)
            assertThat(count("SELECT downloads FROM member_view WHERE member_id = ?", second.value()))
                    .as("downloads 5 and 6 wait for the batch's end").isEqualTo(3);
            assertThat(count("SELECT version FROM member_view WHERE member_id = ?", second.value())).isEqualTo(4);
        });

        for (MemberId id : List.of(first, second)) {
            assertCountedAsOneByOne(id, oneByOne, 5, 6);
        }
    }

    /** The member's count, version, activity and downloads are those of the member whose events went one by one. */
    private void assertCountedAsOneByOne(MemberId id, MemberId oneByOne, int downloads, long version) {
        MemberView view = view(id);
        MemberView expected = view(oneByOne);
        assertThat(view.downloads()).isEqualTo(expected.downloads()).isEqualTo(downloads);
        assertThat(view.version()).isEqualTo(expected.version()).isEqualTo(version);
        assertThat(view.lastActivityAt()).isEqualTo(expected.lastActivityAt()).isEqualTo(at(version));
        assertThat(downloadsWithoutIds(id)).isEqualTo(downloadsWithoutIds(oneByOne)).hasSize(downloads);
    }

    private List<MemberDownloadRow> downloadsWithoutIds(MemberId id) {
        return projection.downloads(id.value()).stream().map(MemberViewProjectionTest::withoutIds).toList();
    }

    @Test
    void downloads_after_a_registration_in_the_same_batch_are_counted_at_its_end_as_one_by_one() {
        List<MemberId> members = List.of(MemberId.random(), MemberId.random());
        MemberId oneByOne = MemberId.random();
        java.util.function.Consumer<MemberId> events = id -> {
            // the batch's insert of the row holds its lock as a claim does
            projection.on(new MemberRegistered(id, "user-" + id, "Given", "Family", "Company", "mail@example.org",
                    PORTAL, at(0)), 0);
            for (long seq = 1; seq <= 5; seq++) {
                projection.on(new DocumentDownloaded(id, "doc-" + seq, "Title " + seq, PORTAL, at(seq)), seq);
            }
        };
        batch(() -> events.accept(oneByOne));
        batchWrittenAtItsEnd(() -> members.forEach(events), () -> {
            // the last member's downloads are all collected: its row stands at the registration until the batch's end
            assertThat(count("SELECT downloads FROM member_view WHERE member_id = ?", members.get(1).value()))
                    .as("no download counted before the batch's end").isZero();
            assertThat(count("SELECT version FROM member_view WHERE member_id = ?", members.get(1).value()))
                    .isZero();
        });

        assertThat(view(oneByOne).downloads()).isEqualTo(5);
        for (MemberId id : members) {
            assertCountedAsOneByOne(id, oneByOne, 5, 5);
        }
    }

    @Test
    void the_batchs_update_of_its_members_rows_is_planned_for_the_view_as_it_is() {
        // its join to member_view: a plan kept from a rebuild's first batches read the whole view (BatchedRowsTest)
        assertThat(MemberViewProjection.LATER_DOWNLOADS.isPlannedAtEveryRun()).isTrue();
        assertThat(MemberViewProjection.DOWNLOADS.isPlannedAtEveryRun()).isFalse();
    }

    /** Each member's events as a replay delivers them; {@code status} tells the registration whether it is one. */
    private void member(MemberId id, int shape, org.axonframework.eventhandling.ReplayStatus status) {
        projection.on(new MemberRegistered(id, "user-" + id, "Given", "Family", "Company", "mail@example.org",
                PORTAL, at(0)), 0, status);
        ConsentGiven consent = given(id, "newsletter", "2024-06", 1);
        projection.on(consent, 1);
        java.util.function.LongConsumer download = seq -> projection.on(
                new DocumentDownloaded(id, "doc-" + seq, "Title " + seq, PORTAL, at(seq)), seq);
        switch (shape) {
            case 0 -> { // consents and downloads only: written at the batch's end
                download.accept(2);
                projection.on(new ConsentWithdrawn(id, consent.consentId(), "newsletter", "2024-06",
                        WithdrawalChannel.PORTAL, PORTAL, at(3)), 3);
                projection.on(given(id, "newsletter", "2024-07", 4), 4);
                download.accept(5);
                download.accept(2); // seen again: changes nothing
                download.accept(6);
            }
            case 1 -> { // an objection writes the new rows first; later consents end it
                download.accept(2);
                projection.on(new ObjectionRecorded(id, "newsletter", DPM, at(3)), 3);
                download.accept(4);
                projection.on(given(id, "newsletter", "2024-07", 5), 5);
                download.accept(6);
            }
            case 2 -> { // a profile edit, then downloads
                projection.on(new ProfileEdited(id, null, null, "Edited", null, PORTAL, at(2)), 2);
                download.accept(3);
                download.accept(4);
            }
            default -> { // an erasure in the batch
                download.accept(2);
                projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(3)), 3);
                download.accept(4);
            }
        }
    }

    @Test
    void a_replayed_batch_writes_its_new_members_rows_at_its_end_as_one_by_one() {
        org.axonframework.eventhandling.ReplayStatus replay = org.axonframework.eventhandling.ReplayStatus.REPLAY;
        List<MemberId> oneByOne = new ArrayList<>();
        List<MemberId> replayed = new ArrayList<>();
        for (int shape = 0; shape < 4; shape++) {
            MemberId alone = MemberId.random();
            int s = shape;
            batch(() -> member(alone, s, org.axonframework.eventhandling.ReplayStatus.REGULAR));
            oneByOne.add(alone);
            replayed.add(MemberId.random());
        }
        batchWrittenAtItsEnd(() -> {
            // the members whose events write the new rows first (an objection, an edit, an erasure), then one
            // whose row waits for the batch's end
            for (int shape : new int[] {1, 2, 3, 0}) {
                member(replayed.get(shape), shape, replay);
            }
        }, () -> assertThat(count("SELECT count(*) FROM member_view WHERE member_id = ?", replayed.get(0).value()))
                .as("the last member's row waits for the batch's end").isZero());

        for (int shape = 0; shape < 4; shape++) {
            MemberView expected = view(oneByOne.get(shape));
            MemberView actual = view(replayed.get(shape));
            assertThat(actual).as("shape " + shape).usingRecursiveComparison()
                    .ignoringFields("memberId", "username").isEqualTo(expected);
            assertThat(downloadsWithoutIds(replayed.get(shape))).as("downloads of shape " + shape)
                    .isEqualTo(downloadsWithoutIds(oneByOne.get(shape)));
            assertThat(projection.profileValues(replayed.get(shape).value()).stream()
                    .map(v -> v.field() + "=" + v.value() + "@" + v.seq()).toList())
                    .isEqualTo(projection.profileValues(oneByOne.get(shape).value()).stream()
                            .map(v -> v.field() + "=" + v.value() + "@" + v.seq()).toList());
        }
        assertThat(view(oneByOne.get(0)).downloads()).isEqualTo(3);
        assertThat(view(oneByOne.get(1)).objections()).isEmpty();
    }

    @Test
    void a_replayed_registration_of_a_member_whose_row_is_there_fails_the_batch_and_keeps_nothing_of_it() {
        MemberId id = registered();
        MemberView before = view(id);
        assertThatThrownBy(() -> batchWrittenAtItsEnd(() -> {
            projection.on(new MemberRegistered(id, "other", "Other", "Other", "Other", "other@example.org", PORTAL,
                    at(0)), 0, org.axonframework.eventhandling.ReplayStatus.REPLAY);
            projection.on(given(id, "newsletter", "2024-06", 1), 1);
        }, () -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(view(id)).isEqualTo(before);
    }

    private static MemberDownloadRow withoutIds(MemberDownloadRow row) {
        return new MemberDownloadRow(null, null, row.seq(), row.documentId(), row.title(), row.at());
    }

    private static MemberProfileValueRow withoutIds(MemberProfileValueRow row) {
        return new MemberProfileValueRow(null, null, row.seq(), row.field(), row.value(), row.at());
    }
}
