package ledger.api.infrastructure.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters Axon's {@code MessageCountingMonitor}, {@code MessageTimerMonitor} and (for an event processor)
 * {@code EventProcessorLatencyMonitor} keep, under their names and with the same counts, each made once. Axon's
 * monitors look every meter up in the registry again for every message (ten lookups and a gauge registration per
 * event: 6 % of a replaying processor's samples in a flight recording, docs/performance.md), because their tags
 * may depend on the message; ours never do (one set of meters per bus and processor).
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final Clock clock;
    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter processed;
    private final Counter ignored;
    private final Timer all;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Timer ignoredTimer;
    /** Milliseconds between an event's time and its handling; null for a bus. */
    private final AtomicLong latency;

    private MessageMeters(String prefix, MeterRegistry registry, boolean eventProcessor) {
        this.clock = registry.config().clock();
        this.ingested = registry.counter(prefix + ".ingestedCounter");
        this.success = registry.counter(prefix + ".successCounter");
        this.failure = registry.counter(prefix + ".failureCounter");
        this.processed = registry.counter(prefix + ".processedCounter");
        this.ignored = registry.counter(prefix + ".ignoredCounter");
        this.all = timer(prefix + ".allTimer", registry);
        this.successTimer = timer(prefix + ".successTimer", registry);
        this.failureTimer = timer(prefix + ".failureTimer", registry);
        this.ignoredTimer = timer(prefix + ".ignoredTimer", registry);
        if (eventProcessor) {
            AtomicLong millis = new AtomicLong();
            Gauge.builder(prefix + ".latency", millis::get).register(registry);
            this.latency = millis;
        } else {
            this.latency = null;
        }
    }

    /** A command or query bus's counters and timers. */
    static MessageMeters ofBus(String name, MeterRegistry registry) {
        return new MessageMeters(name, registry, false);
    }

    /** An event processor's counters, timers and latency gauge. */
    static MessageMeters ofEventProcessor(String name, MeterRegistry registry) {
        return new MessageMeters(name, registry, true);
    }

    /** As Axon builds its timers (the percentiles it asks for are dropped by {@link MetricsConfiguration}'s filter). */
    private static Timer timer(String name, MeterRegistry registry) {
        return Timer.builder(name).distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (latency != null && message instanceof EventMessage<?> event) {
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                processed.increment();
                success.increment();
                record(successTimer);
            }

            @Override
            public void reportFailure(Throwable cause) {
                processed.increment();
                failure.increment();
                record(failureTimer);
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
                record(ignoredTimer);
            }

            private void record(Timer outcome) {
                long nanos = clock.monotonicTime() - start;
                all.record(nanos, TimeUnit.NANOSECONDS);
                outcome.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }
}
