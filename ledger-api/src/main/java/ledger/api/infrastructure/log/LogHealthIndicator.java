package ledger.api.infrastructure.log;

import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code ledgerLog} in /actuator/health: DOWN while the latest verification found the log altered,
 * with the first bad leaf as detail. Deliberately not in the readiness group: a tampered row is an
 * incident for people to investigate, not a reason to stop recording and serving (taking every node
 * out of service would hand anyone who can change one row an off switch).
 */
final class LogHealthIndicator implements HealthIndicator {

    private final LogVerification verification;

    LogHealthIndicator(LogVerification verification) {
        this.verification = verification;
    }

    @Override
    public Health health() {
        Optional<LogVerification.Result> latest = verification.latest();
        if (latest.isEmpty()) {
            return Health.up().withDetail("verification", "not run yet").build();
        }
        LogVerification.Result result = latest.get();
        Health.Builder health = result.status() == LogVerification.Status.OK ? Health.up() : Health.down();
        health.withDetail("verification", result.status().name()).withDetail("treeSize", result.treeSize())
                .withDetail("checkedAt", result.checkedAt().toString());
        if (result.firstBad() != null) {
            health.withDetail("firstBad", result.firstBad());
        }
        return health.build();
    }
}
