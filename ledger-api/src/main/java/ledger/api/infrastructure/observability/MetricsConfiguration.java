package ledger.api.infrastructure.observability;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message timers (command bus, query bus, each event processor: all, success, failure and
 * ignored) compute six percentiles in the service for every message: a flight recording put that
 * at ~2 % of a command's CPU (docs/performance.md). Client-side percentiles of one node cannot be
 * aggregated across a fleet anyway; the timers keep their count, sum and max, from which
 * Prometheus derives rates and mean latencies.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** The name endings of the timers Axon's {@code MessageTimerMonitor} builds. */
    static final Set<String> AXON_TIMERS = Set.of(".allTimer", ".successTimer", ".failureTimer", ".ignoredTimer");

    @Bean
    MeterFilter axonTimersWithoutClientSidePercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && AXON_TIMERS.stream().anyMatch(id.getName()::endsWith)) {
                    return DistributionStatisticConfig.builder().percentiles(new double[0]).build().merge(config);
                }
                return config;
            }
        };
    }
}
