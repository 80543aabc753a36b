package ledger.api.infrastructure.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

class ClusterTasksTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void the_first_run_comes_the_given_while_after_registration_and_each_next_an_interval_after_the_last_ended() {
        ClusterTasks.AfterStart schedule = new ClusterTasks.AfterStart(Duration.ofMinutes(10), Duration.ofMinutes(1));
        assertThat(schedule.getInitialExecutionTime(START)).isEqualTo(START.plusSeconds(60));
        Instant done = START.plusSeconds(95);
        assertThat(schedule.getNextExecutionTime(ExecutionComplete.simulatedSuccess(done)))
                .isEqualTo(done.plus(Duration.ofMinutes(10)));
    }

    @Test
    void a_failing_run_is_logged_and_not_thrown_so_the_next_comes_on_schedule() {
        int[] runs = {0};
        RecurringTask<Void> task = ClusterTasks.every("flaky", Duration.ofMinutes(1), Duration.ZERO, () -> {
            runs[0]++;
            throw new IllegalStateException("the database went away");
        });
        task.executeRecurringly(new TaskInstance<>("flaky", RecurringTask.INSTANCE), null);
        assertThat(runs[0]).isEqualTo(1);
    }
}
