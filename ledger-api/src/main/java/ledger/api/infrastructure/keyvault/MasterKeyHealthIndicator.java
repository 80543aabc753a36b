package ledger.api.infrastructure.keyvault;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness ({@code masterKey} in the readiness group): down while this node's master keys cannot
 * serve the fleet, e.g. another node rotated to a key this node was not given. The start-up check
 * refuses what can be known at start; this covers what changes while the node runs. Logged once
 * per change, with ids only.
 */
@Component
class MasterKeyHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyHealthIndicator.class);

    private final FleetMasterKey fleet;
    private final AtomicReference<String> lastProblem = new AtomicReference<>();

    MasterKeyHealthIndicator(FleetMasterKey fleet, MeterRegistry registry) {
        this.fleet = fleet;
        Gauge.builder("ledger.master.key.usable", fleet, f -> f.problem() == null ? 1 : 0)
                .description("1 while this node holds the master keys the fleet uses, 0 while it is not ready for lack of"
                        + " one").register(registry);
    }

    @Override
    public Health health() {
        String problem = fleet.problem();
        String before = lastProblem.getAndSet(problem);
        if (problem != null && !problem.equals(before)) {
            log.warn("Not ready: {}; restart this node with the fleet's master keys", problem);
        } else if (problem == null && before != null) {
            log.info("Master keys usable again");
        }
        return problem == null ? Health.up().build() : Health.down().withDetail("masterKey", problem).build();
    }
}
