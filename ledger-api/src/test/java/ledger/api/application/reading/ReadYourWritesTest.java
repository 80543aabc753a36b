package ledger.api.application.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberId;
import ledger.core.member.MemberRefusals.UnknownMember;
import ledger.core.shared.StoredAggregates;

class ReadYourWritesTest {

    private static final MemberId MEMBER = MemberId.of(UUID.fromString("44444444-4444-4444-4444-444444444444"));

    /** A read model's answer: what it holds and the last member event it reflects. */
    private record View(String name, long version) {
    }

    private final EventStore events = mock(EventStore.class);
    private final StoredAggregates aggregates = mock(StoredAggregates.class);
    private final ReadYourWrites reads = new ReadYourWrites(events, aggregates);

    /** Answers the views in turn, the last one again once all were given, and counts the asks. */
    private static final class ReadModel implements Supplier<Optional<View>> {
        private final Deque<Optional<View>> answers;
        private final AtomicInteger asked = new AtomicInteger();

        @SafeVarargs
        ReadModel(Optional<View>... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public Optional<View> get() {
            asked.incrementAndGet();
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    @Test
    void a_view_that_reflects_every_stored_event_is_answered_at_once() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(3L));
        ReadModel model = new ReadModel(Optional.of(new View("ada", 3)));

        assertThat(reads.read(MEMBER, model, View::version)).isEqualTo(new View("ada", 3));
        assertThat(model.asked).hasValue(1);
        verify(aggregates, never()).typeOf(MEMBER.toString());
    }

    @Test
    void a_view_ahead_of_the_events_stored_when_the_read_began_is_answered_at_once() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(3L));
        ReadModel model = new ReadModel(Optional.of(new View("ada", 5)));

        assertThat(reads.read(MEMBER, model, View::version)).isEqualTo(new View("ada", 5));
        assertThat(model.asked).hasValue(1);
    }

    @Test
    void a_view_one_event_behind_is_read_again_until_it_caught_up() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(3L));
        when(aggregates.typeOf(MEMBER.toString())).thenReturn(Optional.of("Member"));
        ReadModel model = new ReadModel(Optional.of(new View("old", 2)), Optional.of(new View("new", 3)));

        assertThat(reads.read(MEMBER, model, View::version)).isEqualTo(new View("new", 3));
        assertThat(model.asked).hasValue(2);
    }

    @Test
    void a_member_whose_view_is_not_projected_yet_is_waited_for_and_its_type_looked_up_only_once() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(0L));
        when(aggregates.typeOf(MEMBER.toString())).thenReturn(Optional.of("Member"));
        ReadModel model = new ReadModel(Optional.empty(), Optional.empty(), Optional.of(new View("old", -1)),
                Optional.of(new View("ada", 0)));

        assertThat(reads.read(MEMBER, model, View::version)).isEqualTo(new View("ada", 0));
        assertThat(model.asked).hasValue(4);
        verify(aggregates, times(1)).typeOf(MEMBER.toString());
    }

    @Test
    void an_id_with_no_stored_event_is_an_unknown_member_without_asking_the_read_model() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.empty());
        ReadModel model = new ReadModel(Optional.of(new View("ada", 0)));

        assertThatThrownBy(() -> reads.read(MEMBER, model, View::version)).isInstanceOf(UnknownMember.class);
        assertThat(model.asked).hasValue(0);
    }

    @Test
    void the_id_of_another_kind_of_record_is_an_unknown_member_at_once() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(2L));
        when(aggregates.typeOf(MEMBER.toString())).thenReturn(Optional.of("ContactCase"));
        ReadModel model = new ReadModel(Optional.empty());

        assertThatThrownBy(() -> reads.read(MEMBER, model, View::version)).isInstanceOf(UnknownMember.class);
        assertThat(model.asked).hasValue(1);
    }

    @Test
    void an_id_whose_aggregate_type_is_not_known_is_an_unknown_member_at_once() {
        when(events.lastSequenceNumberFor(MEMBER.toString())).thenReturn(Optional.of(2L));
        when(aggregates.typeOf(MEMBER.toString())).thenReturn(Optional.empty());
        ReadModel model = new ReadModel(Optional.of(new View("stale", 1)));

        assertThatThrownBy(() -> reads.read(MEMBER, model, View::version)).isInstanceOf(UnknownMember.class);
        assertThat(model.asked).hasValue(1);
    }

    @Test
    void a_lagging_read_model_is_a_transient_failure_the_client_may_retry() {
        assertThat(new ReadYourWrites.ReadModelLagging())
                .isInstanceOf(org.springframework.dao.TransientDataAccessResourceException.class)
                .hasMessage("the read model has not caught up yet");
    }
}
