package ledger.projections.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.consent.FindConsentEvents;
import ledger.core.consent.FindMemberConsents;
import ledger.core.member.ConsentGiven;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.history.ConsentEntry;
import ledger.projections.support.ProjectionTest;

class ConsentHistoryProjectionTest extends ProjectionTest {

    @Autowired
    ConsentHistoryProjection projection;

    /** A purpose no other test uses, so that pages across members hold only this test's rows. */
    private static String purpose() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ConsentGiven given(MemberId id, String purpose, long second) {
        return new ConsentGiven(id, UUID.randomUUID(), purpose, "2024-05", SHA256, "en", "email", PORTAL, at(second));
    }

    private static final String SHA256 = "7d8a2f1e6c3b5a4d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";

    private static GenericDomainEventMessage<MemberEvent> message(MemberEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Member", event.memberId().toString(), sequence, event);
    }

    private MemberConsents of(MemberId id) {
        return projection.handle(new FindMemberConsents(id));
    }

    @Test
    void a_consent_given_is_recorded_with_its_purpose_notice_channel_and_actor() {
        MemberId id = MemberId.random();
        ConsentGiven consent = given(id, "newsletter", 5);
        String eventId = eventId();
        batch(() -> projection.on(consent, 1, eventId));

        List<ConsentHistoryRow> rows = projection.handle(new FindConsentEvents(null, null, null, 0, 1000)).entries()
                .stream().filter(row -> row.memberId().equals(id.value())).toList();
        assertThat(rows).hasSize(1);
        ConsentHistoryRow row = rows.get(0);
        assertThat(row.id()).isPositive();
        assertThat(row.seq()).isEqualTo(1);
        assertThat(row.consentId()).isEqualTo(consent.consentId());
        assertThat(row.type()).isEqualTo("GIVEN");
        assertThat(row.purpose()).isEqualTo("newsletter");
        assertThat(row.policyVersion()).isEqualTo("2024-05");
        assertThat(row.eventId()).as("the stored event it came from, for its proof").isEqualTo(eventId);
        assertThat(row.noticeSha256()).isEqualTo(SHA256);
        assertThat(row.language()).isEqualTo("en");
        assertThat(row.channel()).isEqualTo("email");
        assertThat(row.at()).isEqualTo(at(5));
        assertThat(row.actorPrincipal()).isEqualTo(PORTAL.principal());
        assertThat(row.actorRole()).isEqualTo(PORTAL.role());
        assertThat(row.actingUser()).isNull();
    }

    @Test
    void a_withdrawal_is_recorded_against_the_consent_it_ends_with_its_channel_and_who_acted() {
        MemberId id = MemberId.random();
        ConsentGiven consent = given(id, "newsletter", 1);
        Actor admin = PORTAL.withActingUser("admin:site-admin-7");
        String given = eventId();
        String withdrawn = eventId();
        batch(() -> {
            projection.on(consent, 1, given);
            projection.on(new ConsentWithdrawn(id, consent.consentId(), "newsletter", "2024-05",
                    WithdrawalChannel.LETTER, admin, at(2)), 2, withdrawn);
        });

        assertThat(of(id).entries()).containsExactly(
                new ConsentEntry(1, "GIVEN", "newsletter", "2024-05", SHA256, "email", at(1), PORTAL, given),
                new ConsentEntry(2, "WITHDRAWN", "newsletter", "2024-05", null, "letter", at(2), admin, withdrawn));
        assertThat(count("SELECT count(*) FROM consent_history WHERE consent_id = ?", consent.consentId()))
                .isEqualTo(2);
    }

    @Test
    void consent_events_stored_before_notices_channels_and_acting_users_were_recorded_show_none() {
        MemberId id = MemberId.random();
        ConsentGiven old = new ConsentGiven(id, UUID.randomUUID(), "newsletter", "2024-05", null, null, "portal",
                DPM, at(1));
        String given = eventId();
        String withdrawn = eventId();
        batch(() -> {
            projection.on(old, 1, given);
            projection.on(new ConsentWithdrawn(id, old.consentId(), "newsletter", "2024-05", null, DPM, at(2)), 2,
                    withdrawn);
        });

        assertThat(of(id).entries()).containsExactly(
                new ConsentEntry(1, "GIVEN", "newsletter", "2024-05", null, "portal", at(1), DPM, given),
                new ConsentEntry(2, "WITHDRAWN", "newsletter", "2024-05", null, null, at(2), DPM, withdrawn));
    }

    @Test
    void a_member_s_consent_history_lists_its_consent_events_in_order_and_the_last_event_it_reflects() {
        MemberId id = MemberId.random();
        MemberId other = MemberId.random();
        batch(() -> {
            projection.on(given(id, "portal-membership", 1), 1, eventId());
            projection.on(message(new DocumentDownloaded(id, "doc", "title", PORTAL, at(2)), 2));
            projection.on(given(other, "newsletter", 3), 1, eventId());
            projection.on(given(id, "newsletter", 4), 3, eventId());
            projection.on(message(new DocumentDownloaded(id, "doc", "title", PORTAL, at(5)), 4));
        });

        MemberConsents consents = of(id);
        assertThat(consents.entries()).extracting(ConsentEntry::seq).containsExactly(1L, 3L);
        assertThat(consents.entries()).extracting(ConsentEntry::purpose)
                .containsExactly("portal-membership", "newsletter");
        assertThat(consents.version()).isEqualTo(4);
        assertThat(of(other).version()).isEqualTo(1);
    }

    @Test
    void every_member_event_moves_the_version_even_without_a_consent() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(message(new MemberRegistered(id, "u", "g", "f", "c", "e", PORTAL, at(0)), 0)));

        assertThat(of(id).entries()).isEmpty();
        assertThat(of(id).version()).isZero();
    }

    @Test
    void the_version_never_moves_back_when_an_event_is_seen_again() {
        MemberId id = MemberId.random();
        ConsentGiven consent = given(id, "newsletter", 1);
        batch(() -> {
            projection.on(consent, 1, eventId());
            projection.on(message(new DocumentDownloaded(id, "doc", "title", PORTAL, at(2)), 2));
        });
        batch(() -> {
            projection.on(consent, 1, eventId());
            projection.on(message(new DocumentDownloaded(id, "doc", "title", PORTAL, at(1)), 0));
        });

        assertThat(of(id).version()).isEqualTo(2);
        assertThat(of(id).entries()).hasSize(1);
    }

    @Test
    void an_unknown_member_has_no_consent_events_and_no_version() {
        MemberConsents consents = of(MemberId.random());
        assertThat(consents.entries()).isEmpty();
        assertThat(consents.version()).isEqualTo(-1);
    }

    @Test
    void axon_hands_consent_events_to_their_handlers_and_every_other_member_event_to_the_version()
            throws Exception {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
        MemberId id = MemberId.random();
        batch(() -> {
            try {
                adapter.handle(message(given(id, "newsletter", 1), 1));
                adapter.handle(message(new DocumentDownloaded(id, "doc", "title", PORTAL, at(2)), 2));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(of(id).entries()).extracting(ConsentEntry::type).containsExactly("GIVEN");
        assertThat(of(id).version()).isEqualTo(2);
        assertThat(adapter.canHandleType(DocumentDownloaded.class)).isTrue();
        assertThat(adapter.canHandleType(String.class)).isFalse();
    }

    @Test
    void pages_across_members_follow_the_cursor_and_the_purpose() {
        String purpose = purpose();
        MemberId first = MemberId.random();
        MemberId second = MemberId.random();
        batch(() -> {
            projection.on(given(first, purpose, 1), 1, eventId());
            projection.on(given(second, purpose, 2), 1, eventId());
            projection.on(given(second, "other-" + purpose, 3), 2, eventId());
            projection.on(given(first, purpose, 4), 2, eventId());
        });

        List<ConsentHistoryRow> page1 = projection.handle(new FindConsentEvents(purpose, null, null, 0, 2)).entries();
        assertThat(page1).extracting(ConsentHistoryRow::memberId).containsExactly(first.value(), second.value());
        long cursor = page1.get(1).id();
        List<ConsentHistoryRow> page2 = projection.handle(new FindConsentEvents(purpose, null, null, cursor, 2))
                .entries();
        assertThat(page2).hasSize(1);
        assertThat(page2.get(0).memberId()).isEqualTo(first.value());
        assertThat(page2.get(0).seq()).isEqualTo(2);
        assertThat(page2.get(0).id()).isGreaterThan(cursor);
        assertThat(projection.handle(new FindConsentEvents(purpose, null, null, page2.get(0).id(), 2)).entries())
                .isEmpty();
    }

    @Test
    void pages_across_members_keep_to_the_time_window_from_inclusive_to_exclusive() {
        String purpose = purpose();
        MemberId id = MemberId.random();
        batch(() -> {
            for (int i = 1; i <= 4; i++) {
                projection.on(given(id, purpose, 10L * i), i, eventId());
            }
        });

        assertThat(projection.handle(new FindConsentEvents(purpose, at(20), at(40), 0, 100)).entries())
                .extracting(ConsentHistoryRow::seq).containsExactly(2L, 3L);
        assertThat(projection.handle(new FindConsentEvents(purpose, at(20), null, 0, 100)).entries())
                .extracting(ConsentHistoryRow::seq).containsExactly(2L, 3L, 4L);
        assertThat(projection.handle(new FindConsentEvents(purpose, null, at(20), 0, 100)).entries())
                .extracting(ConsentHistoryRow::seq).containsExactly(1L);
    }

    @Test
    void a_reset_empties_the_consent_history_and_its_versions_for_a_rebuild() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(given(id, "newsletter", 1), 1, eventId()));

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM consent_history")).isZero();
        assertThat(count("SELECT count(*) FROM consent_history_version")).isZero();
        assertThat(of(id).version()).isEqualTo(-1);
    }

    @Test
    void a_batch_that_writes_its_rows_at_its_end_leaves_the_history_and_version_that_events_written_one_by_one_leave() {
        MemberId oneByOne = MemberId.random();
        MemberId atTheEnd = MemberId.random();
        List<String> ids = List.of(eventId(), eventId(), eventId(), eventId());
        UUID newsletter = UUID.randomUUID();
        UUID research = UUID.randomUUID();
        Actor admin = PORTAL.withActingUser("admin:site-admin-7");
        for (MemberId id : List.of(oneByOne, atTheEnd)) {
            Runnable events = () -> {
                projection.on(new ConsentGiven(id, newsletter, "newsletter", "2024-05", SHA256, "en", "email", PORTAL,
                        at(1)), 1, ids.get(0));
                projection.on(new ConsentGiven(id, research, "research", "2024-05", SHA256, "en", "portal", PORTAL,
                        at(2)), 2, ids.get(1));
                projection.on(new ConsentWithdrawn(id, newsletter, "newsletter", "2024-05", WithdrawalChannel.LETTER,
                        admin, at(3)), 3, ids.get(2));
                projection.on(message(new DocumentDownloaded(id, "doc", "Title", PORTAL, at(4)), 4));
                // closes the research consent given earlier in the same batch
                projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(5)), 5, ids.get(3));
                projection.on(message(new DocumentDownloaded(id, "doc", "Late", PORTAL, at(6)), 6));
            };
            if (id == oneByOne) {
                batch(events);
            } else {
                batchWrittenAtItsEnd(events, () -> {
                    assertThat(count("SELECT count(*) FROM consent_history WHERE member_id = ?", id.value()))
                            .as("written by the erasure's flush, before it closes the open consents").isEqualTo(4);
                    assertThat(count("SELECT count(*) FROM consent_history_version WHERE member_id = ? AND version = 6",
                            id.value())).as("the last event's version, written at the end").isZero();
                });
            }
        }

        assertThat(of(atTheEnd).entries()).hasSize(4).isEqualTo(of(oneByOne).entries());
        assertThat(of(atTheEnd).entries().get(3).type()).isEqualTo("ERASED");
        assertThat(of(atTheEnd).version()).isEqualTo(6).isEqualTo(of(oneByOne).version());
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
