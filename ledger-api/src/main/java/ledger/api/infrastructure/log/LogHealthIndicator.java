package ledger.api.infrastructure.log;

import java.util.Optional;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import ledger.api.application.ledger.LogVerification;

/**
 * {@code ledgerLog} in /actuator/health: DOWN while the latest verification found the log altered,
 * with the first bad leaf as detail, and while signing is stopped because the database's log
 * diverged from the signed checkpoints outside it. Deliberately not in the readiness group: a tampered row is an
 * incident for people to investigate, not a reason to stop recording and serving (taking every node
 * out of service would hand anyone who can change one row an off switch).
 */
final class LogHealthIndicator implements HealthIndicator {

    private final LogVerification verification;
    private final Checkpoints checkpoints;

    LogHealthIndicator(LogVerification verification, Checkpoints checkpoints) {
        this.verification = verification;
        this.checkpoints = checkpoints;
    }

    @Override
    public Health health() {
        Checkpoints.Divergence divergence = checkpoints.divergence();
        if (divergence != null) {
            return Health.down().withDetail("verification", "FAILED").withDetail("signing", "stopped")
                    .withDetail("firstDifferingIndex", divergence.firstDifferingIndex())
                    .withDetail("signedTreeSize", divergence.signedSize())
                    .withDetail("databaseTreeSize", divergence.databaseSize())
                    .withDetail("reason", divergence.reason()).build();
        }
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
