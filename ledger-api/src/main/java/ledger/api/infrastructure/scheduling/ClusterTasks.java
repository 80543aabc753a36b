package ledger.api.infrastructure.scheduling;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

/**
 * Periodic work one node does for the fleet, as a db-scheduler recurring task on PostgreSQL: each
 * run is picked by one node (the others see it taken), a run a crashed node held is revived, and a
 * run that fails is logged and the next comes on schedule. Declare the task as a bean where its work
 * lives; db-scheduler's Spring Boot starter runs every {@code Task} bean.
 */
public final class ClusterTasks {

    private static final Logger log = LoggerFactory.getLogger(ClusterTasks.class);

    private ClusterTasks() {
    }

    /** {@code work} every {@code interval} (from the end of the last run), the first run {@code firstAfter} after start. */
    public static RecurringTask<Void> every(String name, Duration interval, Duration firstAfter, Runnable work) {
        return Tasks.recurring(name, new AfterStart(interval, firstAfter)).execute((instance, context) -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // the exception's message may quote data: its type only
                log.warn("{} could not run ({}); next in {}", name, e.getClass().getName(), interval);
            }
        });
    }

    /** Every interval after the last run ended; the first run a while after the task is first registered. */
    record AfterStart(Duration interval, Duration firstAfter) implements Schedule {

        @Override
        public Instant getNextExecutionTime(ExecutionComplete complete) {
            return complete.getTimeDone().plus(interval);
        }

        @Override
        public Instant getInitialExecutionTime(Instant now) {
            return now.plus(firstAfter);
        }

        @Override
        public boolean isDeterministic() {
            return false;
        }
    }
}
