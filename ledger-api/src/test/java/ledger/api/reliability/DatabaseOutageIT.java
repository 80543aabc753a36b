package ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import ledger.api.support.Api;

/**
 * PostgreSQL stopped and restarted under load: while it is down the answers are 503 with
 * Retry-After (never 500) and the node is not ready; it recovers without a restart, and nothing
 * acknowledged is lost.
 */
class DatabaseOutageIT {

    @TempDir
    Path dir;

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void an_outage_of_the_database_gives_503s_then_the_service_recovers_and_loses_nothing() throws Exception {
        int outageSeconds = Integer.getInteger("ledger.reliability.outage-seconds", 6);
        Path data = dir.resolve("pg");
        int pgPort = NodeProcess.freePort();
        AtomicReference<EmbeddedPostgres> postgres = new AtomicReference<>(postgres(data, pgPort));
        String url = postgres.get().getJdbcUrl("postgres", "postgres");
        try (NodeProcess node = NodeProcess.start(url, NodeProcess.logIn(dir, "outage-node.log"))) {
            Load load = new Load(() -> node.port);
            load.start(4);
            NodeProcess.sleep(3_000);

            postgres.get().close();
            long downUntil = System.currentTimeMillis() + outageSeconds * 1000L;
            boolean sawNotReady = false;
            while (System.currentTimeMillis() < downUntil) {
                sawNotReady |= node.api().as(null).get("/actuator/health/readiness").status() == 503;
                NodeProcess.sleep(500);
            }
            postgres.set(postgres(data, pgPort));

            await().atMost(Duration.ofSeconds(90)).until(() ->
                    node.api().as(null).get("/actuator/health/readiness").status() == 200);
            int registeredBefore = load.registered.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.registered.size() > registeredBefore + 5);
            load.stop();

            assertThat(sawNotReady).as("not ready while the database is down").isTrue();
            assertThat(load.statuses).as("answers during the outage").containsKey(503);
            assertThat(load.statuses.keySet()).as("never a 500").doesNotContain(500)
                    .allMatch(s -> s == -1 || s == 201 || s == 503);
            assertThat(load.missingRetryAfter).as("every 503 says when to retry").isEmpty();

            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "", true));
            for (UUID member : load.registered) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND sequence_number = 0", Integer.class, member.toString()))
                        .as("acknowledged registration " + member).isEqualTo(1);
            }
            System.out.println("database outage: " + outageSeconds + " s, " + load.registered.size()
                    + " acknowledged registrations, answers " + load.statuses);
        } finally {
            postgres.get().close();
        }
    }
}
