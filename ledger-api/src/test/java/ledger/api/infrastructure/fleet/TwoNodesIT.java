package ledger.api.infrastructure.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.projections.member.MemberViewProjection;

/**
 * Two nodes on one PostgreSQL: both accept commands, they split the processors' segments, hand
 * them over when one stops, concurrent commands on one member through both lose no event, and the
 * ledger's log, sequenced by whichever node holds the lock, covers each event once.
 */
class TwoNodesIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    private ConfigurableApplicationContext startNodeB() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                fleetDirectories()[0], fleetDirectories()[1],
                "--server.port=0",
                "--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--ledger.master-key=" + TEST_MASTER_KEY,
                "--ledger.fleet.balance-interval=PT1S");
    }

    private Map<String, Integer> ownersOf(String processor) {
        Map<String, Integer> owners = new java.util.HashMap<>();
        jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                String.class, processor).forEach(o -> owners.merge(o, 1, Integer::sum));
        return owners;
    }

    @Test
    void two_nodes_split_the_segments_hand_them_over_and_lose_no_concurrent_command() throws Exception {
        ConfigurableApplicationContext nodeB = startNodeB();
        try {
            Api b = new Api(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")));
            // both nodes accept commands
            UUID member = api().register(Api.uniqueUsername());
            assertThat(b.post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"via-b\"}").status())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(ownersOf(MemberViewProjection.NAME)).as("one segment on each node").hasSize(2));

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Api node = i % 2 == 0 ? api() : b;
                String body = "{\"documentId\":\"concurrent-" + i + "\"}";
                answers.add(pool.submit(() -> node.post("/api/v1/members/" + member + "/downloads", body).status()));
            }
            int accepted = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).as("never a 500").isIn(201, 409);
                accepted += status == 201 ? 1 : 0;
            }
            pool.shutdown();
            long stored = storedEventTypes(member).stream().filter("DocumentDownloaded"::equals).count();
            assertThat(stored).isEqualTo(accepted + 1);
            assertThat(accepted).isGreaterThan(30);

            // both nodes run a sequencer; one at a time appends, so every event has exactly one leaf
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS (SELECT 1 FROM ledger_log_leaf l"
                            + " WHERE l.global_index = e.global_index)", Long.class)).isZero());
            assertThat(jdbc.queryForObject("SELECT count(*) = max(leaf_index) + 1 FROM ledger_log_leaf", Boolean.class))
                    .as("leaf indexes dense").isTrue();
            Api.Response verification = b.as(Api.AUDITOR).post("/api/v1/ledger/verification", null);
            assertThat(verification.json().get("status").asText()).as(verification.body()).isEqualTo("OK");
        } finally {
            nodeB.close();
        }
        // node B is gone: node A takes its segments over
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Integer> owners = ownersOf(MemberViewProjection.NAME);
            assertThat(owners).hasSize(1);
            assertThat(owners.values()).containsExactly(2);
        });
    }

    @Autowired
    CommitSignal signal;

    @Test
    void a_commit_on_one_node_wakes_the_other_through_a_notification_and_a_lost_listener_comes_back() {
        ConfigurableApplicationContext nodeB = startNodeB();
        try {
            Api b = new Api(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")));
            await().atMost(Duration.ofSeconds(10)).until(signal::listening);
            long before = signal.received();
            b.register(Api.uniqueUsername());
            await().atMost(Duration.ofSeconds(10)).until(() -> signal.received() > before);

            // the listening connection is cut (a failover, an idle-connection reaper): this node listens again
            jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'ledger-commit-signal' AND datname = current_database()");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !signal.listening());
            await().atMost(Duration.ofSeconds(30)).until(signal::listening);
            long afterReconnect = signal.received();
            UUID member = b.register(Api.uniqueUsername());
            await().atMost(Duration.ofSeconds(10)).until(() -> signal.received() > afterReconnect);
            // and node A's read models have node B's event
            await().atMost(Duration.ofSeconds(30)).until(() -> api().as(Api.DPM).get("/api/v1/members/" + member)
                    .status() == 200);
        } finally {
            nodeB.close();
        }
    }
}
