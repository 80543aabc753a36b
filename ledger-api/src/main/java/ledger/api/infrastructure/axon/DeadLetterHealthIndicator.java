package ledger.api.infrastructure.axon;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import ledger.api.application.operations.DeadLetters;

/**
 * Readiness detail {@code deadLetters}: the letters per processing group. Always UP: a poison event
 * is a bug to look at, not a reason to take nodes out of the load balancer (every node would see
 * the same letters, and all of them would leave).
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealthIndicator implements HealthIndicator {

    private final DeadLetters letters;

    DeadLetterHealthIndicator(DeadLetters letters) {
        this.letters = letters;
    }

    @Override
    public Health health() {
        var counts = letters.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return Health.up().withDetail("total", total).withDetail("byProcessingGroup", counts).build();
    }
}
