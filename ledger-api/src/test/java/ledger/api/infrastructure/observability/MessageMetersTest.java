package ledger.api.infrastructure.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MessageMetersTest {

    private final MockClock clock = new MockClock();

    /** Three events: one handled, one failing, one ignored, each taking its own time, then read back. */
    private Map<String, String> metersAfterThreeEvents(MessageMonitor<Message<?>> monitor, SimpleMeterRegistry registry) {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        List<MessageMonitor.MonitorCallback> callbacks = List.of(
                monitor.onMessageIngested(event(now.minusMillis(250))),
                monitor.onMessageIngested(event(now.minusMillis(40))),
                monitor.onMessageIngested(event(now.minusMillis(15))));
        clock.add(Duration.ofMillis(3));
        callbacks.get(0).reportSuccess();
        clock.add(Duration.ofMillis(4));
        callbacks.get(1).reportFailure(new IllegalStateException("handler failed"));
        clock.add(Duration.ofMillis(5));
        callbacks.get(2).reportIgnored();
        Map<String, String> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String value;
            if (meter instanceof Counter counter) {
                value = "counter " + counter.count();
            } else if (meter instanceof Timer timer) {
                value = "timer " + timer.count() + " " + timer.totalTime(TimeUnit.MILLISECONDS) + " ms, max "
                        + timer.max(TimeUnit.MILLISECONDS);
            } else if (meter instanceof Gauge gauge) {
                value = "gauge " + gauge.value();
            } else {
                value = meter.getId().getType().name();
            }
            meters.put(meter.getId().getName() + meter.getId().getTags(), value);
        }
        return meters;
    }

    private static GenericEventMessage<String> event(Instant at) {
        return new GenericEventMessage<>(java.util.UUID.randomUUID().toString(), "payload", java.util.Map.of(), at);
    }

    private SimpleMeterRegistry registry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        registry.config().meterFilter(new MetricsConfiguration().axonTimersWithoutClientSidePercentiles());
        return registry;
    }

    @Test
    void an_event_processor_keeps_the_meters_axons_monitors_keep_with_the_same_values() {
        SimpleMeterRegistry axons = registry();
        @SuppressWarnings({"unchecked", "rawtypes"})
        MessageMonitor<Message<?>> axon = new MultiMessageMonitor(List.of(
                MessageTimerMonitor.builder().meterNamePrefix("member-view").meterRegistry(axons).clock(clock).build(),
                EventProcessorLatencyMonitor.builder().meterNamePrefix("member-view").meterRegistry(axons).clock(clock)
                        .build(),
                MessageCountingMonitor.buildMonitor("member-view", axons)));
        SimpleMeterRegistry ours = registry();

        Map<String, String> expected = metersAfterThreeEvents(axon, axons);
        Map<String, String> actual = metersAfterThreeEvents(MessageMeters.ofEventProcessor("member-view", ours), ours);

        assertThat(actual).isEqualTo(expected).containsKeys("member-view.processedCounter[]", "member-view.latency[]",
                "member-view.successTimer[]");
        assertThat(actual.get("member-view.latency[]")).as("the last event's").isEqualTo("gauge 15.0");
    }

    @Test
    void a_bus_keeps_axons_counters_and_timers_and_no_latency() {
        SimpleMeterRegistry axons = registry();
        @SuppressWarnings({"unchecked", "rawtypes"})
        MessageMonitor<Message<?>> axon = new MultiMessageMonitor(List.of(
                MessageTimerMonitor.builder().meterNamePrefix("commandBus").meterRegistry(axons).clock(clock).build(),
                MessageCountingMonitor.buildMonitor("commandBus", axons)));
        SimpleMeterRegistry ours = registry();

        Map<String, String> expected = metersAfterThreeEvents(axon, axons);
        Map<String, String> actual = metersAfterThreeEvents(MessageMeters.ofBus("commandBus", ours), ours);

        assertThat(actual).isEqualTo(expected).hasSize(9).doesNotContainKey("commandBus.latency[]");
    }
}
