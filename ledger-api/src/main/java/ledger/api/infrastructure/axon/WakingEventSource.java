package ledger.api.infrastructure.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import ledger.api.infrastructure.scheduling.NodeLoop;

/**
 * The event source of the pooled processors: the event store, plus the wake-up its streams lack.
 * <p>
 * Axon 4.13's pooled processor is told by its stream when events arrive; the embedded (JDBC) event
 * store's streams cannot tell, so the processor polls every 500 ms (a constant), and every read
 * model lagged 250 ms on average (docs/performance.md). Here a commit of events on this node wakes
 * every processor at once; a short wait in {@link WakingStream#hasNextAvailable()} covers the few
 * milliseconds the store's reader needs to fetch what was just committed. Commits on other nodes
 * are seen by a poll every {@code poll}. Streams that can tell themselves (Axon Server's) are used
 * as they are.
 */
public final class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    /** How long a stream waits for the store's reader after a local commit before it answers "nothing". */
    private static final int FETCH_WAIT_MILLIS = 50;
    /**
     * Commits closer together than this share one wake-up: under load the processors then take
     * several events per transaction instead of one each (fewer token updates and commits).
     */
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final EventStore store;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private volatile long lastWake = System.nanoTime() - COALESCE_NANOS;
    private final NodeLoop poller;
    private final Runnable onLocalCommit;
    private final Function<String, Collection<EventTrackerStatus>> statuses;

    public WakingEventSource(EventStore store, Duration poll) {
        this(store, poll, () -> { }, processor -> List.of());
    }

    /**
     * {@code onLocalCommit}: told after every local commit of events (other nodes are told through it);
     * {@code statuses}: a processor's segment statuses on this node, by its name ({@link CoordinatorPace}).
     */
    public WakingEventSource(EventStore store, Duration poll, Runnable onLocalCommit,
                             Function<String, Collection<EventTrackerStatus>> statuses) {
        this.store = store;
        this.onLocalCommit = onLocalCommit;
        this.statuses = statuses;
        this.poller = NodeLoop.start("event-source-poll");
        poller.every(poll, poll, this::wakeAll);
        store.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> committed());
            } else {
                committed();
            }
        });
    }

    private void committed() {
        onLocalCommit.run();
        committedElsewhere();
    }

    /**
     * Events were committed (here or on another node): every stream looks again, giving the store's reader
     * a moment to fetch them. Commits within {@link #COALESCE_NANOS} share one wake-up.
     */
    public void committedElsewhere() {
        commits.incrementAndGet();
        long sinceLast = System.nanoTime() - lastWake;
        if (sinceLast >= COALESCE_NANOS) {
            wakeAll();
        } else if (wakeScheduled.compareAndSet(false, true)) {
            poller.after(Duration.ofNanos(COALESCE_NANOS - sinceLast), () -> {
                wakeScheduled.set(false);
                wakeAll();
            });
        }
    }

    private void wakeAll() {
        lastWake = System.nanoTime();
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // a processor that is shutting down; the others still need their wake-up
            }
        }
    }

    /** Opened by a pooled processor's coordinator, on its thread: the stream paces it ({@link CoordinatorPace}). */
    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new WakingStream(store.openStream(token), paceOf(Thread.currentThread().getName()));
    }

    /** Axon names a pooled processor's coordinator thread {@code Coordinator[<processor>]-<n>}. */
    private CoordinatorPace paceOf(String thread) {
        if (!thread.startsWith("Coordinator[") || thread.indexOf(']') < 0) {
            return null;
        }
        String processor = thread.substring("Coordinator[".length(), thread.lastIndexOf(']'));
        return new CoordinatorPace(() -> statuses.apply(processor), System::nanoTime);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    @Override
    public void close() {
        poller.stop();
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final CoordinatorPace pace;
        private volatile Runnable listener;
        private long commitsSeen = commits.get();

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate, CoordinatorPace pace) {
            this.delegate = delegate;
            this.pace = pace;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (delegate.setOnAvailableCallback(callback)) {
                return true;
            }
            listener = callback;
            listeners.add(callback);
            return true;
        }

        /**
         * Non-blocking as Axon expects, except right after a local commit: then the store's reader
         * is given up to {@link #FETCH_WAIT_MILLIS} to fetch it, or the wake-up would find nothing.
         */
        @Override
        public boolean hasNextAvailable() {
            if (delegate.hasNextAvailable()) {
                if (pace != null) {
                    pace.awaitWorkPackages();
                }
                return true;
            }
            long now = commits.get();
            if (now == commitsSeen) {
                return false;
            }
            commitsSeen = now;
            try {
                return delegate.hasNextAvailable(FETCH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = delegate.nextAvailable();
            if (pace != null) {
                pace.handedOut(next);
            }
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = listener;
            if (current != null) {
                listeners.remove(current);
            }
            delegate.close();
        }
    }
}
