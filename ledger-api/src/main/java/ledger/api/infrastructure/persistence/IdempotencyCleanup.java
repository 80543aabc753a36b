package ledger.api.infrastructure.persistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.scheduling.ClusterTasks;

/** Expired Idempotency-Key records are deleted every cleanup interval, by one node of the fleet. */
@Configuration(proxyBeanMethods = false)
class IdempotencyCleanup {

    @Bean
    RecurringTask<Void> idempotencyCleanupTask(JdbcIdempotencyStore store, LedgerProperties properties) {
        var interval = properties.idempotency().cleanupInterval();
        return ClusterTasks.every("idempotency-cleanup", interval, interval, store::deleteExpired);
    }
}
