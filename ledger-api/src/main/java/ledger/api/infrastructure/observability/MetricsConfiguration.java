package ledger.api.infrastructure.observability;

import java.util.Set;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * <p>
 * Axon's capacity gauges (per event processor, command and query bus) are left out: it keeps every handled message of the last ten
 * minutes and walks them on each scrape (33 -> 151 ms per scrape as a store was loaded, docs/performance.md),
 * and looks its gauge up in the registry for every message. Busy processors show as their lag
 * ({@code ledger_processor_lag_events}) and their message rate. The meters kept are Axon's, made once
 * ({@link MessageMeters}).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** The name endings of the timers Axon's {@code MessageTimerMonitor} builds. */
    static final Set<String> AXON_TIMERS = Set.of(".allTimer", ".successTimer", ".failureTimer", ".ignoredTimer");

    @Bean
    GlobalMetricRegistry axonMetricsWithoutCapacity(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry) {
            @Override
            public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName) {
                return MessageMeters.ofEventProcessor(eventProcessorName, registry);
            }

            @Override
            public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
                return MessageMeters.ofBus(name, registry);
            }

            @Override
            public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name) {
                return MessageMeters.ofBus(name, registry);
            }
        };
    }

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
