package ledger.api.infrastructure.axon;

import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Keeps a pooled processor's coordinator at most {@link #AHEAD} positions before the slowest of its work
 * packages. Axon's coordinator hands every event to every work package's queue and, before each event, asks
 * each queue whether it has room: {@code ConcurrentLinkedQueue.size()}, a walk of the whole queue. A work
 * package slower than its coordinator (a replay) keeps its queue near Axon's 1,024 entries, and the walks took
 * 58 % of the coordinator's samples, 14 % of a replay's CPU (docs/performance.md). Paced, the queue holds a
 * few batches and each walk is short. Live, the work packages keep up and nothing waits.
 * <p>
 * The coordinator waits in the stream's {@code hasNextAvailable} (as it already may for the store's reader),
 * 1 ms at a time and at most {@link #MAX_WAIT} per event; the stream never answers "nothing" for pacing, so the
 * processor never reports itself caught up while events wait. A wait that runs out (a work package stuck, a
 * status that does not move) turns pacing off for {@link #RESUME_AFTER}: the worst a wrong status costs is
 * a twentieth of the coordinator's time.
 */
final class CoordinatorPace {

    static final long AHEAD = 300;
    static final Duration MAX_WAIT = Duration.ofMillis(50);
    static final Duration RESUME_AFTER = Duration.ofSeconds(1);

    private final Supplier<Collection<EventTrackerStatus>> statuses;
    private final LongSupplier nanoTime;
    /** The position of the last event handed to the coordinator (its thread only). */
    private long handedOut = -1;
    private long pausedUntil;
    private boolean paused;

    /** {@code statuses}: the processor's segments on this node, as its work packages report them. */
    CoordinatorPace(Supplier<Collection<EventTrackerStatus>> statuses, LongSupplier nanoTime) {
        this.statuses = statuses;
        this.nanoTime = nanoTime;
    }

    void handedOut(TrackedEventMessage<?> event) {
        if (event != null && event.trackingToken() != null) {
            event.trackingToken().position().ifPresent(position -> handedOut = position);
        }
    }

    /** Waits while the work packages are more than {@link #AHEAD} positions behind (see the class). */
    void awaitWorkPackages() {
        if (paused && nanoTime.getAsLong() - pausedUntil < 0) {
            return;
        }
        paused = false;
        long deadline = 0;
        while (ahead()) {
            long now = nanoTime.getAsLong();
            if (deadline == 0) {
                deadline = now + MAX_WAIT.toNanos();
            } else if (now - deadline >= 0) {
                paused = true;
                pausedUntil = now + RESUME_AFTER.toNanos();
                return;
            }
            LockSupport.parkNanos(1_000_000);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Whether the events handed out run more than {@link #AHEAD} positions before the slowest segment. */
    boolean ahead() {
        if (handedOut < 0) {
            return false;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses.get()) {
            if (status.isErrorState()) {
                return false;
            }
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return false;
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        return slowest != Long.MAX_VALUE && handedOut - slowest > AHEAD;
    }
}
