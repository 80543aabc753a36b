package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.support.IntegrationTest;
import ledger.core.erasure.DeadRowTables;

/**
 * The VACUUM after erasures is batched: erasures committed while one is pending share it, and the next one
 * starts no sooner than the interval after the last (a burst of erasures rewrote the plaintext tables once
 * per erasure before).
 */
class ErasureVacuumIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    ObjectProvider<DeadRowTables> declarations;

    @Test
    void erasures_in_a_burst_share_one_vacuum_and_the_next_waits_for_the_interval() {
        try (ErasureVacuum vacuum = new ErasureVacuum(dataSource, () -> declarations.orderedStream().toList(),
                Duration.ofSeconds(5), Duration.ofHours(1))) {
            for (int erasure = 0; erasure < 5; erasure++) {
                vacuum.afterCommit();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> vacuum.runs() >= 1);
            for (int erasure = 0; erasure < 5; erasure++) {
                vacuum.afterCommit();
            }
            // the first vacuum's attempts end (its dead versions are the pending one's now), the second waits
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(vacuum.runs()).as("vacuums started within the interval").isOne());
        }
    }

    @Test
    void the_first_erasure_after_a_quiet_interval_is_vacuumed_at_once() {
        try (ErasureVacuum vacuum = new ErasureVacuum(dataSource, () -> declarations.orderedStream().toList(),
                Duration.ofSeconds(5), Duration.ofMillis(200))) {
            vacuum.afterCommit();
            await().atMost(Duration.ofSeconds(60)).until(() -> vacuum.runs() >= 1);
            long first = vacuum.runs();
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(60)).until(() -> {
                vacuum.afterCommit();
                return vacuum.runs() > first;
            });
        }
    }

    /**
     * Under load the member view always has dead versions of ordinary updates; they are no erasure's
     * plaintext once the rewrite ran after the older snapshots ended. Before, every pass saw them and
     * rewrote the tables again, five times per erasure batch, each behind an exclusive lock that the
     * commands writing the member view queued behind.
     */
    @Test
    void one_rewrite_serves_an_erasure_batch_while_other_writes_leave_dead_versions() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID row = UUID.randomUUID();
        jdbc.update("INSERT INTO member_view (member_id, status, registered_at, last_activity_at, version)"
                + " VALUES (?, 'ACTIVE', now(), now(), 0)", row);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        AtomicLong failedWrites = new AtomicLong();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                try {
                    jdbc.update("UPDATE member_view SET downloads = downloads + 1 WHERE member_id = ?", row);
                    writes.incrementAndGet();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failedWrites.incrementAndGet();
                }
            }
        });
        try (ErasureVacuum vacuum = new ErasureVacuum(dataSource, () -> declarations.orderedStream().toList(),
                Duration.ofSeconds(5), Duration.ofHours(1))) {
            writer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() > 20);
            vacuum.runAfterOlderTransactions();
            writing.set(false);
            writer.join();
            assertThat(vacuum.rewrites()).as("rewrites of the plaintext tables").isOne();
            assertThat(failedWrites).as("writes that failed meanwhile").hasValue(0);
        } finally {
            writing.set(false);
            writer.join();
            jdbc.update("DELETE FROM member_view WHERE member_id = ?", row);
        }
    }

    /**
     * The rewrite's lock request queues every later writer of the table behind it; PostgreSQL reorders
     * such a queue only after {@code deadlock_timeout}. So the rewrite gives up its place before that
     * (and tries again), rather than holding commands for seconds (a command p99 of ~1.2 s with the member
     * view written in the command's transaction, before).
     */
    @Test
    void the_rewrite_leaves_the_lock_queue_before_postgresql_would_reorder_it() {
        Long deadlockTimeoutMillis = new JdbcTemplate(dataSource).queryForObject(
                "SELECT setting::bigint FROM pg_settings WHERE name = 'deadlock_timeout'", Long.class);
        assertThat(ErasureVacuum.LOCK_TIMEOUT).isLessThan(Duration.ofMillis(deadlockTimeoutMillis));
    }

    @Test
    void a_transaction_holding_the_table_delays_the_rewrite_but_does_not_stop_it() throws Exception {
        AtomicBoolean locked = new AtomicBoolean();
        Thread holder = new Thread(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM member_view")) {
                    rows.next();
                }
                locked.set(true);
                Thread.sleep(ErasureVacuum.LOCK_TIMEOUT.multipliedBy(5).toMillis());
                connection.rollback();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (ErasureVacuum vacuum = new ErasureVacuum(dataSource, () -> declarations.orderedStream().toList(),
                Duration.ofSeconds(5), Duration.ofHours(1))) {
            holder.start();
            await().atMost(Duration.ofSeconds(10)).untilTrue(locked);
            assertThat(vacuum.run()).as("rewritten").isTrue();
            assertThat(vacuum.rewrites()).isOne();
        } finally {
            holder.join();
        }
    }
}
