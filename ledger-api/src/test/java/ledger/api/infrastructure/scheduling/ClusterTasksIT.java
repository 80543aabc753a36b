package ledger.api.infrastructure.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ledger.api.support.IntegrationTest;

/** The fleet's periodic work is scheduled in PostgreSQL, once for all nodes, not on a thread of each node. */
class ClusterTasksIT extends IntegrationTest {

    @Test
    void the_idempotency_cleanup_and_the_scheduled_verification_are_one_recurring_task_each_in_the_database() {
        List<String> tasks = jdbc.queryForList("SELECT task_name FROM scheduled_tasks WHERE task_name IN"
                + " ('idempotency-cleanup', 'ledger-log-verification') ORDER BY task_name", String.class);
        assertThat(tasks).containsExactly("idempotency-cleanup", "ledger-log-verification");
    }

    @Test
    void no_node_keeps_a_thread_of_its_own_for_them() {
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("idempotency-cleanup", "ledger-log-verification");
    }
}
