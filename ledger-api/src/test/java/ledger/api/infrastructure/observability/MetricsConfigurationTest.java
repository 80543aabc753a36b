package ledger.api.infrastructure.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsConfigurationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    MetricsConfigurationTest() {
        registry.config().meterFilter(new MetricsConfiguration().axonTimersWithoutClientSidePercentiles());
    }

    /** Built as Axon 4.13's MessageTimerMonitor builds its timers. */
    private Timer timer(String name) {
        Timer timer = Timer.builder(name).publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .distributionStatisticExpiry(Duration.ofMinutes(10)).register(registry);
        timer.record(Duration.ofMillis(3));
        timer.record(Duration.ofMillis(7));
        return timer;
    }

    @Test
    void axons_message_timers_keep_count_sum_and_max_but_compute_no_percentiles() {
        Timer timer = timer("member-view.successTimer");

        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(7);
        assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
    }

    @Test
    void other_timers_that_ask_for_percentiles_keep_them() {
        assertThat(timer("ledger.log.sequencer.rounds").takeSnapshot().percentileValues()).hasSize(6);
    }
}
