package ledger.api.infrastructure.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's one clock: PostgreSQL's. A node's own clock may run ahead or behind (a bad NTP, a
 * VM resumed, libfaketime); judged by it, a node held processor segments for ever, signed no
 * checkpoint and fired a retention deadline 90 days early. This clock is the node's clock corrected
 * by its offset from the database's {@code clock_timestamp()}, measured at start and on every
 * heartbeat: claims and heartbeats (Axon's token entries), event times, checkpoint due times and
 * deadlines (db-scheduler) are all judged by it. Beyond {@code bound} the node is not ready and
 * signs nothing (the offset may be changing faster than it is measured), and says so: the health
 * component {@code clock}, {@code ledger_clock_offset_seconds}, one warning per change.
 */
public final class DatabaseClock extends Clock {

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

    /** Offsets that differ by less than this are the same measured twice. */
    private static final long NOISE_NANOS = 20_000_000L;
    /** The latest instant any database clock of this JVM answered (epoch nanoseconds). */
    private static final AtomicLong LATEST = new AtomicLong(Long.MIN_VALUE);

    private final Clock local;
    private final Supplier<Instant> database;
    private final Duration bound;
    private volatile long offsetNanos;
    private volatile boolean beyondBound;

    /**
     * @param local    this node's clock (a test's controlled clock)
     * @param database reads the database's current time ({@code SELECT clock_timestamp()})
     */
    public DatabaseClock(Clock local, Supplier<Instant> database, Duration bound) {
        this.local = local;
        this.database = database;
        this.bound = bound;
        measure();
    }

    /** Measures the offset again: the database's time against the midpoint of the local read. */
    public void measure() {
        long before = System.nanoTime();
        Instant localBefore = local.instant();
        Instant databaseNow = database.get();
        long roundTrip = System.nanoTime() - before;
        Instant localMiddle = localBefore.plusNanos(roundTrip / 2);
        long offset = Duration.between(localMiddle, databaseNow).toNanos();
        // a new measurement within the noise of the last one keeps the old offset: time would jitter
        if (Math.abs(offset - offsetNanos) > NOISE_NANOS) {
            offsetNanos = offset;
        }
        boolean beyond = Math.abs(offset) > bound.toNanos();
        if (beyond != beyondBound) {
            beyondBound = beyond;
            if (beyond) {
                log.warn("This node's clock is {} ms {} the database's, beyond the bound of {} ms: not ready, signing"
                        + " nothing, until it is within it (decisions use the database's time)",
                        Math.abs(offset) / 1_000_000, offset > 0 ? "behind" : "ahead of", bound.toMillis());
            } else {
                log.info("This node's clock is within {} ms of the database's again", bound.toMillis());
            }
        }
    }

    /** Database time minus local time, as last measured. */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos);
    }

    public Duration bound() {
        return bound;
    }

    /** Whether the last measured offset is within the bound. */
    public boolean withinBound() {
        return !beyondBound;
    }

    /**
     * Never earlier than an instant any clock of this JVM gave before: a new offset must not move
     * time back (a request "received" at one instant and judged at the next would be in the future).
     */
    @Override
    public Instant instant() {
        Instant corrected = local.instant().plusNanos(offsetNanos);
        long nanos = corrected.getEpochSecond() * 1_000_000_000L + corrected.getNano();
        long latest = LATEST.accumulateAndGet(nanos, Math::max);
        return latest == nanos ? corrected : Instant.ofEpochSecond(0, latest);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new Zoned(this, zone);
    }

    /** The same instants in another zone (java.time's contract for withZone). */
    private static final class Zoned extends Clock {
        private final DatabaseClock clock;
        private final ZoneId zone;

        Zoned(DatabaseClock clock, ZoneId zone) {
            this.clock = clock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Zoned(clock, other);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
