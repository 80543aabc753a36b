package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ShortFetchesTest {

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ShortFetches fetches = new ShortFetches(commits::get, nanos::get, 2_000_000_000L);

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, java.util.List.of());
    }

    @Test
    void a_fetch_from_where_the_last_one_reached_the_end_is_answered_without_the_database() {
        fetches.endedShort(fetches.starting(at(10)), at(12));

        assertThat(fetches.starting(at(12)).nothingNew()).isTrue();
    }

    @Test
    void a_commit_counted_while_the_last_fetch_ran_makes_the_next_one_ask() {
        ShortFetches.Fetch running = fetches.starting(at(10));
        commits.incrementAndGet(); // committed after the query's snapshot: the query did not see it
        fetches.endedShort(running, at(12));

        assertThat(fetches.starting(at(12)).nothingNew()).isFalse();
    }

    @Test
    void a_commit_counted_after_the_last_fetch_makes_the_next_one_ask() {
        fetches.endedShort(fetches.starting(at(10)), at(12));
        commits.incrementAndGet();

        assertThat(fetches.starting(at(12)).nothingNew()).isFalse();
    }

    @Test
    void a_fetch_from_another_position_asks() {
        fetches.endedShort(fetches.starting(at(10)), at(12));

        assertThat(fetches.starting(at(11)).nothingNew()).isFalse();
        assertThat(fetches.starting(GapAwareTrackingToken.newInstance(12, java.util.List.of(11L))).nothingNew()).isFalse();
    }

    @Test
    void a_fetch_after_the_validity_asks_even_without_a_commit() {
        fetches.endedShort(fetches.starting(at(10)), at(12));
        nanos.addAndGet(2_000_000_000L);

        assertThat(fetches.starting(at(12)).nothingNew()).isFalse();
    }

    @Test
    void nothing_is_answered_from_memory_before_a_fetch_reached_the_end() {
        assertThat(fetches.starting(null).nothingNew()).isFalse();
        assertThat(fetches.starting(at(0)).nothingNew()).isFalse();
    }
}
