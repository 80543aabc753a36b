package ledger.api.infrastructure.observability;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;

/**
 * The verifiable ledger's gauges: its size, and the latest verification (1 intact, 0 altered, -1 none
 * yet) with the tree size it covered. Read from the database at each scrape, so every node reports
 * the fleet's log; NaN while the database cannot be read.
 */
@Component
class LogMetrics {

    LogMetrics(MeterRegistry registry, TransparencyLog ledgerLog, LogVerification verification) {
        Gauge.builder("ledger.log.tree.size", () -> orNaN(() -> (double) ledgerLog.treeSize()))
                .description("Leaves in the ledger's Merkle log").register(registry);
        Gauge.builder("ledger.log.verification.status", () -> orNaN(() -> verification.latest()
                        .map(r -> r.status() == LogVerification.Status.OK ? 1.0 : 0.0).orElse(-1.0)))
                .description("The latest verification of the log (full or since the last): 1 intact, 0 altered, -1 none yet")
                .register(registry);
        Gauge.builder("ledger.log.signing.stopped", () -> ledgerLog.signingStopped() ? 1.0 : 0.0)
                .description("1 once this node stopped signing: its database's log diverged from the signed"
                        + " checkpoints outside it (never two roots for one size)").register(registry);
        Gauge.builder("ledger.log.verification.tree.size", () -> orNaN(() -> verification.latest()
                        .map(r -> (double) r.treeSize()).orElse(0.0)))
                .description("Leaves covered by the latest full verification").register(registry);
    }

    private static double orNaN(java.util.function.Supplier<Double> value) {
        try {
            return Optional.ofNullable(value.get()).orElse(Double.NaN);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
