package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import ledger.api.application.ledger.TransparencyLog;

class TransparencyLogTest {

    private static final TransparencyLog.Leaf LEAF = new TransparencyLog.Leaf(7, "event", 8, new byte[32]);

    private final JdbcLogStore store = mock(JdbcLogStore.class);
    private final Checkpoints checkpoints = mock(Checkpoints.class);
    private final AtomicInteger roundsAsked = new AtomicInteger();

    @Test
    void a_caller_waiting_for_a_leaf_asks_the_sequencer_for_a_round_at_once_and_only_once() {
        // the leaf appears only once a round ran: without the request the wait would end empty
        when(store.leaf("event")).thenAnswer(call -> roundsAsked.get() > 0 ? Optional.of(LEAF) : Optional.empty());
        TransparencyLog log = new JdbcTransparencyLog(store, checkpoints, roundsAsked::incrementAndGet, null);

        assertThat(log.awaitLeaf("event", Duration.ofSeconds(5))).contains(LEAF);
        assertThat(roundsAsked).hasValue(1);
    }

    @Test
    void a_leaf_already_appended_asks_for_no_round() {
        when(store.leaf("event")).thenReturn(Optional.of(LEAF));
        TransparencyLog log = new JdbcTransparencyLog(store, checkpoints, roundsAsked::incrementAndGet, null);

        assertThat(log.awaitLeaf("event", Duration.ofSeconds(5))).contains(LEAF);
        assertThat(roundsAsked).hasValue(0);
    }

    @Test
    void a_leaf_that_never_comes_is_asked_for_once_and_the_wait_ends_empty() {
        when(store.leaf("event")).thenReturn(Optional.empty());
        TransparencyLog log = new JdbcTransparencyLog(store, checkpoints, roundsAsked::incrementAndGet, null);

        assertThat(log.awaitLeaf("event", Duration.ofMillis(300))).isEmpty();
        assertThat(roundsAsked).hasValue(1);
    }
}
