package ledger.api.infrastructure.erasurejournal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.infrastructure.erasurejournal.FileErasureJournal.Line;
import ledger.api.infrastructure.erasurejournal.FileErasureJournal.State;
import ledger.api.infrastructure.erasurejournal.JournaledErasures.Subject;
import ledger.api.infrastructure.erasurejournal.JournaledErasures.Unresolved;
import ledger.core.erasure.ErasureJournal.SubjectType;

class JournaledErasuresTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    private static Line prepared(UUID entry, UUID subject, Instant at) {
        return new Line(entry, State.PREPARED, SubjectType.MEMBER, subject, "MEMBER_REQUEST", at);
    }

    private static Line outcome(UUID entry, State state) {
        return new Line(entry, state, null, null, null, null);
    }

    @Test
    void entries_are_committed_rolled_back_or_unresolved_by_their_outcome_lines() {
        UUID committedSubject = UUID.randomUUID();
        UUID rolledBackSubject = UUID.randomUUID();
        UUID unresolvedSubject = UUID.randomUUID();
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        UUID e3 = UUID.randomUUID();
        JournaledErasures known = JournaledErasures.of(List.of(
                prepared(e1, committedSubject, T1), prepared(e2, rolledBackSubject, T1),
                prepared(e3, unresolvedSubject, T1), outcome(e2, State.ROLLED_BACK), outcome(e1, State.COMMITTED),
                outcome(UUID.randomUUID(), State.COMMITTED)));
        assertThat(known.committed()).containsExactly(new Subject(SubjectType.MEMBER, committedSubject, T1));
        assertThat(known.unresolved()).containsExactly(new Unresolved(e3, SubjectType.MEMBER, unresolvedSubject));
        assertThat(known.rolledBack()).isEqualTo(1);
        assertThat(known.entries()).isEqualTo(3);
        assertThat(known.subjects()).containsExactlyInAnyOrder(committedSubject, unresolvedSubject);
    }

    @Test
    void a_committed_line_wins_over_a_rolled_back_one() {
        UUID entry = UUID.randomUUID();
        UUID subject = UUID.randomUUID();
        JournaledErasures known = JournaledErasures.of(List.of(prepared(entry, subject, T1),
                outcome(entry, State.ROLLED_BACK), outcome(entry, State.COMMITTED)));
        assertThat(known.committed()).extracting(Subject::id).containsExactly(subject);
        assertThat(known.rolledBack()).isZero();
    }

    @Test
    void a_subject_erased_twice_is_re_applied_once_in_order_of_its_first_erasure() {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        JournaledErasures known = JournaledErasures.of(List.of(
                prepared(a, late, T2), outcome(a, State.COMMITTED),
                prepared(b, early, T2), outcome(b, State.COMMITTED),
                prepared(c, early, T1), outcome(c, State.COMMITTED)));
        assertThat(known.committed()).containsExactly(new Subject(SubjectType.MEMBER, early, T1),
                new Subject(SubjectType.MEMBER, late, T2));
    }
}
