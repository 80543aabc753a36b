package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

class CoordinatorPaceTest {

    private final AtomicLong slowSegment = new AtomicLong(0);
    private final AtomicLong fastSegment = new AtomicLong(0);
    private final EventTrackerStatus slow = status(slowSegment);
    private final EventTrackerStatus fast = status(fastSegment);
    private final CoordinatorPace pace = new CoordinatorPace(() -> List.of(slow, fast), System::nanoTime);

    private static EventTrackerStatus status(AtomicLong position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenAnswer(i -> OptionalLong.of(position.get()));
        return status;
    }

    private void handOut(long position) {
        TrackedEventMessage<?> event = mock(TrackedEventMessage.class);
        when(event.trackingToken()).thenReturn(GapAwareTrackingToken.newInstance(position, java.util.Set.of()));
        pace.handedOut(event);
    }

    private long millisToAwait() {
        long start = System.nanoTime();
        pace.awaitWorkPackages();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void a_coordinator_within_reach_of_its_slowest_work_package_does_not_wait() {
        fastSegment.set(1_000);
        slowSegment.set(700);
        handOut(1_000);
        assertThat(pace.ahead()).isFalse();
        assertThat(millisToAwait()).isLessThan(5);
    }

    @Test
    void a_coordinator_far_ahead_of_its_slowest_work_package_waits_until_that_one_moves_on() {
        fastSegment.set(1_000);
        slowSegment.set(100);
        handOut(1_000);
        assertThat(pace.ahead()).isTrue();
        CompletableFuture.delayedExecutor(15, TimeUnit.MILLISECONDS).execute(() -> slowSegment.set(800));
        assertThat(millisToAwait()).isBetween(10L, CoordinatorPace.MAX_WAIT.toMillis() - 1);
        assertThat(pace.ahead()).isFalse();
    }

    @Test
    void a_work_package_that_does_not_move_costs_one_wait_then_pacing_rests() {
        fastSegment.set(1_000);
        slowSegment.set(0);
        handOut(1_000);
        assertThat(millisToAwait()).isGreaterThanOrEqualTo(CoordinatorPace.MAX_WAIT.toMillis());
        handOut(1_001);
        assertThat(millisToAwait()).as("resting").isLessThan(5);
    }

    @Test
    void no_status_to_go_by_means_no_wait() {
        handOut(1_000);
        when(slow.getCurrentPosition()).thenReturn(OptionalLong.empty());
        assertThat(pace.ahead()).as("a segment with no position yet").isFalse();
        CoordinatorPace nothingClaimed = new CoordinatorPace(List::of, System::nanoTime);
        assertThat(nothingClaimed.ahead()).isFalse();
        when(slow.getCurrentPosition()).thenAnswer(i -> OptionalLong.of(slowSegment.get()));
        when(slow.isErrorState()).thenReturn(true);
        assertThat(pace.ahead()).as("a segment in error").isFalse();
    }
}
