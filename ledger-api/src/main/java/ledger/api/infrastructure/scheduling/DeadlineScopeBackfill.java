package ledger.api.infrastructure.scheduling;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * Once per database, at start: the deadlines scheduled before {@link IndexedDeadlines} existed enter its index,
 * so that cancelling them finds them. One node at a time (an advisory lock); done once it ran to its end
 * ({@code ledger_once}). Every scheduled deadline is read once, here and never again. A deadline whose data
 * cannot be read is counted and left out (Axon could not cancel it either).
 */
final class DeadlineScopeBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScopeBackfill.class);
    private static final long LOCK = 0x1ed9e7_dead1L;
    static final String ONCE = "deadline-scope-index";
    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final Scheduler scheduler;

    DeadlineScopeBackfill(JdbcTemplate jdbc, Scheduler scheduler) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
    }

    @Override
    public void run(ApplicationArguments args) {
        OncePerDatabase.run(jdbc, ONCE, LOCK, this::indexAll);
    }

    /** Indexes every scheduled Axon deadline; answers how many rows it offered to the index. */
    int indexAll() {
        List<Object[]> rows = new ArrayList<>();
        int[] unreadable = {0};
        int[] offered = {0};
        scheduler.fetchScheduledExecutionsForTask(IndexedDeadlines.AXON_DEADLINES, DbSchedulerBinaryDeadlineDetails.class, execution -> {
            DbSchedulerBinaryDeadlineDetails details;
            try {
                details = execution.getData();
            } catch (RuntimeException e) {
                unreadable[0]++;
                return;
            }
            rows.add(new Object[] {execution.getTaskInstance().getId(), details.getD(),
                    IndexedDeadlines.sha256(details.getS())});
            if (rows.size() == BATCH) {
                offered[0] += insert(rows);
            }
        });
        offered[0] += insert(rows);
        if (offered[0] > 0 || unreadable[0] > 0) {
            log.info("Indexed {} scheduled deadlines by scope ({} unreadable, left out)", offered[0], unreadable[0]);
        }
        return offered[0];
    }

    private int insert(List<Object[]> rows) {
        int n = rows.size();
        if (n > 0) {
            jdbc.batchUpdate("INSERT INTO deadline_scope (schedule_id, deadline_name, scope_digest) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", rows);
            rows.clear();
        }
        return n;
    }
}
