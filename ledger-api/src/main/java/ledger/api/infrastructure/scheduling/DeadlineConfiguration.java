package ledger.api.infrastructure.scheduling;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Axon's deadlines on db-scheduler, built as Axon's Boot configuration builds them (its task finds this bean by
 * type to run a deadline), and behind {@link IndexedDeadlines} for everything that schedules or cancels one.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean
    DbSchedulerDeadlineManager axonDeadlineManager(Scheduler scheduler,
                                                   org.axonframework.config.Configuration configuration,
                                                   Serializer serializer, TransactionManager transactionManager,
                                                   DeadlineManagerSpanFactory spanFactory) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's Boot starter starts and stops the scheduler
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    @Bean
    @Primary
    DeadlineManager deadlineManager(DbSchedulerDeadlineManager axonDeadlineManager, Serializer serializer,
                                    JdbcTemplate jdbc) {
        return new IndexedDeadlines(axonDeadlineManager, serializer, jdbc);
    }

    @Bean
    DeadlineScopeBackfill deadlineScopeBackfill(JdbcTemplate jdbc, Scheduler scheduler) {
        return new DeadlineScopeBackfill(jdbc, scheduler);
    }
}
