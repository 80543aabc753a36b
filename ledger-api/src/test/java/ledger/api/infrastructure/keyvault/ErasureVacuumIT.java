package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

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
}
