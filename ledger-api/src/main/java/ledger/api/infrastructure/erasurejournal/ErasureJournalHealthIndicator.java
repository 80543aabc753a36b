package ledger.api.infrastructure.erasurejournal;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness ({@code erasureJournal} in the readiness group): down while the erasure journal cannot
 * be written, since no erasure can commit without its entry; checked by writing a probe file, so
 * the node is ready again as soon as the directory is. The journal logs the outage once.
 * Metrics: {@code ledger_erasure_journal_writable} (1 or 0) and
 * {@code ledger_erasure_journal_failures_total}.
 */
@Component
class ErasureJournalHealthIndicator implements HealthIndicator {

    private final FileErasureJournal journal;

    ErasureJournalHealthIndicator(FileErasureJournal journal, MeterRegistry registry) {
        this.journal = journal;
        Gauge.builder("ledger.erasure.journal.writable", journal, j -> j.failing() ? 0 : 1)
                .description("1 while the erasure journal can be written, 0 while erasures are refused")
                .register(registry);
        FunctionCounter.builder("ledger.erasure.journal.failures", journal, FileErasureJournal::failures)
                .description("writes to and probes of the erasure journal that failed")
                .register(registry);
    }

    @Override
    public Health health() {
        if (journal.probe()) {
            return Health.up().build();
        }
        return Health.down().withDetail("erasureJournal", "the erasure journal directory cannot be written;"
                + " erasures are refused until it can").build();
    }
}
