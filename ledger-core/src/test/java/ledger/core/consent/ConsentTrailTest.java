package ledger.core.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.core.consent.ConsentTrail.Entry;
import ledger.core.consent.ConsentTrail.State;
import ledger.core.consent.ConsentTrail.StateAt;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;

/** Consent at any moment, and each consent's life cycle, from the member's stored consent events. */
class ConsentTrailTest {

    static final MemberId MEMBER = MemberId.random();
    static final Actor PORTAL = new Actor("portal", "PORTAL");
    static final UUID FIRST = UUID.randomUUID();
    static final UUID SECOND = UUID.randomUUID();
    static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T2 = Instant.parse("2026-02-01T10:00:00Z");
    static final Instant T3 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T4 = Instant.parse("2026-04-01T10:00:00Z");

    static Entry given(long seq, UUID consent, String purpose, String version, Instant at) {
        return new Entry("event-" + seq, seq, new ConsentGiven(MEMBER, consent, purpose, version, "sha-" + version, "en",
                "portal", PORTAL, at));
    }

    static Entry withdrawn(long seq, UUID consent, String purpose, String version, Instant at) {
        return new Entry("event-" + seq, seq, new ConsentWithdrawn(MEMBER, consent, purpose, version,
                WithdrawalChannel.EMAIL, PORTAL, at));
    }

    static Entry erased(long seq, Instant at) {
        return new Entry("event-" + seq, seq, new MemberErased(MEMBER, ErasureGround.MEMBER_REQUEST, PORTAL, at));
    }

    @Test
    void the_consent_at_a_moment_is_the_one_in_force_then_with_its_notice_and_since_when() {
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1),
                given(5, SECOND, "newsletter", "v2", T3)));
        StateAt between = trail.stateAt("newsletter", T2);
        assertThat(between.granted()).isTrue();
        assertThat(between.consentId()).isEqualTo(FIRST);
        assertThat(between.noticeVersion()).isEqualTo("v1");
        assertThat(between.noticeSha256()).isEqualTo("sha-v1");
        assertThat(between.since()).isEqualTo(T1);
        assertThat(between.evidence()).extracting(Entry::eventId).containsExactly("event-1");
        StateAt after = trail.stateAt("newsletter", T4);
        assertThat(after.noticeVersion()).isEqualTo("v2");
        assertThat(after.since()).isEqualTo(T3);
        assertThat(after.evidence()).extracting(Entry::sequence).containsExactly(1L, 5L);
    }

    @Test
    void a_consent_is_in_force_from_the_very_instant_it_was_given() {
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1)));
        assertThat(trail.stateAt("newsletter", T1).granted()).isTrue();
        assertThat(trail.stateAt("newsletter", T1.minusNanos(1000)).granted()).isFalse();
    }

    @Test
    void an_event_counts_from_the_microsecond_it_happened_in_as_the_read_models_keep_its_time() {
        Instant exact = Instant.parse("2026-01-01T10:00:00.123456789Z");
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", exact)));
        assertThat(trail.stateAt("newsletter", Instant.parse("2026-01-01T10:00:00.123456Z")).granted()).isTrue();
        assertThat(trail.stateAt("newsletter", Instant.parse("2026-01-01T10:00:00.123455999Z")).granted()).isFalse();
    }

    @Test
    void after_a_withdrawal_nothing_is_granted_since_the_withdrawal_and_the_withdrawn_notice_is_named() {
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1),
                withdrawn(2, FIRST, "newsletter", "v1", T2)));
        StateAt state = trail.stateAt("newsletter", T3);
        assertThat(state.granted()).isFalse();
        assertThat(state.since()).isEqualTo(T2);
        assertThat(state.noticeVersion()).isEqualTo("v1");
        assertThat(state.evidence()).extracting(Entry::type).containsExactly("ConsentGiven", "ConsentWithdrawn");
    }

    @Test
    void before_any_consent_to_the_purpose_nothing_is_granted_and_nothing_is_evidence() {
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "portal-membership", "v1", T1),
                given(2, SECOND, "newsletter", "v1", T3)));
        StateAt state = trail.stateAt("newsletter", T2);
        assertThat(state.granted()).isFalse();
        assertThat(state.noticeVersion()).isNull();
        assertThat(state.since()).isNull();
        assertThat(state.evidence()).isEmpty();
    }

    @Test
    void an_erasure_ends_every_consent_from_its_instant_on() {
        ConsentTrail trail = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1), erased(3, T3)));
        assertThat(trail.stateAt("newsletter", T2).granted()).isTrue();
        StateAt state = trail.stateAt("newsletter", T4);
        assertThat(state.granted()).isFalse();
        assertThat(state.since()).isEqualTo(T3);
        assertThat(state.evidence()).extracting(Entry::type).containsExactly("ConsentGiven", "MemberErased");
        assertThat(trail.erased()).isTrue();
    }

    @Test
    void a_consent_lives_until_it_is_withdrawn_replaced_or_erased() {
        ConsentTrail trail = new ConsentTrail(List.of(
                given(1, FIRST, "newsletter", "v1", T1),
                given(2, SECOND, "newsletter", "v2", T2),
                withdrawn(3, SECOND, "newsletter", "v2", T3)));
        assertThat(trail.lifecycle(FIRST)).get().satisfies(l -> {
            assertThat(l.state()).isEqualTo(State.SUPERSEDED);
            assertThat(l.ended()).get().extracting(Entry::sequence).isEqualTo(2L);
        });
        assertThat(trail.lifecycle(SECOND)).get().satisfies(l -> {
            assertThat(l.state()).isEqualTo(State.WITHDRAWN);
            assertThat(l.events()).extracting(Entry::sequence).containsExactly(2L, 3L);
        });
        assertThat(trail.lifecycle(UUID.randomUUID())).isEmpty();
        ConsentTrail active = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1),
                given(2, SECOND, "portal-membership", "v1", T2)));
        assertThat(active.lifecycle(FIRST)).get().extracting(ConsentTrail.Lifecycle::state).isEqualTo(State.ACTIVE);
        ConsentTrail gone = new ConsentTrail(List.of(given(1, FIRST, "newsletter", "v1", T1), erased(2, T2)));
        assertThat(gone.lifecycle(FIRST)).get().extracting(ConsentTrail.Lifecycle::state).isEqualTo(State.ERASED);
        assertThat(active.erased()).isFalse();
    }

    @Test
    void the_trail_follows_the_members_event_order_whatever_order_it_was_read_in() {
        ConsentTrail trail = new ConsentTrail(List.of(withdrawn(2, FIRST, "newsletter", "v1", T2),
                given(1, FIRST, "newsletter", "v1", T1)));
        assertThat(trail.entries()).extracting(Entry::sequence).containsExactly(1L, 2L);
        assertThat(trail.stateAt("newsletter", T3).granted()).isFalse();
    }

    @Test
    void a_trail_holds_consents_withdrawals_and_the_erasure_only() {
        assertThatThrownBy(() -> new Entry("event-9", 9, new DocumentDownloaded(MEMBER, "doc-1", null, PORTAL, T1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_consents_life_cycle_names_the_consent_it_follows() {
        Entry first = given(1, FIRST, "newsletter", "v1", T1);
        ConsentTrail trail = new ConsentTrail(List.of(first, withdrawn(2, FIRST, "newsletter", "v1", T2)));
        assertThat(trail.lifecycle(FIRST)).get().extracting(ConsentTrail.Lifecycle::consent)
                .isEqualTo(first.event());
    }
}
