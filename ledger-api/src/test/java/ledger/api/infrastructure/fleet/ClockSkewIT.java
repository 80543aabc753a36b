package ledger.api.infrastructure.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;

import ledger.api.infrastructure.fleet.DatabaseClock;
import ledger.api.reliability.NodeProcess;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.projections.member.MemberViewProjection;

/**
 * One clock for the fleet: PostgreSQL's. The clock of a node ahead or behind (a {@code Clock} the
 * test controls) reads the database's time once measured, and says when it is beyond the bound.
 * A node of the packaged jar 100 days ahead (libfaketime, Debian's faketime; .ci/run installs it) is
 * not ready and says why, claims no segment, and what it writes is in the database's time (event
 * times); when it dies, the other node projects every new member, where before it waited 100 days
 * for the dead node's claims to time out. (Under libfaketime the JVM starts in about 100 s here, so one such node only.)
 */
class ClockSkewIT extends IntegrationTest {

    private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private Instant databaseNow() {
        return jdbc.queryForObject("SELECT clock_timestamp()", Instant.class);
    }

    @Test
    void the_clock_of_a_node_ahead_or_behind_is_the_database_s_once_measured_and_beyond_the_bound_it_says_so() {
        for (Duration skew : List.of(Duration.ofDays(100), Duration.ofDays(-100), Duration.ofMillis(300))) {
            DatabaseClock clock = new DatabaseClock(Clock.offset(Clock.systemUTC(), skew), this::databaseNow,
                    Duration.ofSeconds(2));
            Instant database = databaseNow();
            assertThat(Duration.between(database, clock.instant()).abs()).as("skew %s", skew)
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(clock.withinBound()).as("skew %s", skew).isEqualTo(skew.abs().compareTo(Duration.ofSeconds(2)) < 0);
            assertThat(clock.offset().plus(skew).abs()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_node_100_days_ahead_is_not_ready_claims_nothing_writes_database_time_and_blocks_nothing_when_it_dies()
            throws Exception {
        assumeThat(Files.exists(LIBFAKETIME)).as("libfaketime (Debian package faketime)").isTrue();
        NodeProcess ahead = skewedNode("+100d", "ahead.log");
        try {
            awaitAnswering(ahead);
            assertNotReadyBecauseOfItsClock(ahead);
            assertWritesDatabaseTime(ahead);
            // beyond the bound it claims nothing: the other node keeps every segment (heartbeats every second)
            for (int i = 0; i < 8; i++) {
                assertThat(jdbc.queryForObject("SELECT count(DISTINCT owner) FROM token_entry"
                        + " WHERE processor_name = ? AND owner IS NOT NULL", Integer.class, MemberViewProjection.NAME))
                        .as("owners of the member view's segments").isEqualTo(1);
                Thread.sleep(1_000);
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE timestamp IS NOT NULL"
                    + " AND timestamp::timestamptz > now() + interval '1 minute'", Integer.class))
                    .as("claims in the future").isZero();
        } finally {
            ahead.kill(); // dies holding its claims
        }
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(api().register(Api.uniqueUsername()));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (UUID member : members) {
                assertThat(api().get("/api/v1/members/" + member).status()).as("member %s projected", member)
                        .isEqualTo(200);
            }
        });
    }

    /**
     * A claim written by a node whose clock ran 100 days ahead (before this node corrected its clock,
     * or by an older version) would hold its segment until then: it is treated as stale and released.
     */
    @Test
    void a_claim_dated_in_the_future_is_released_and_the_segment_processed() {
        int segment = jdbc.queryForObject("SELECT min(segment) FROM token_entry WHERE processor_name = ?", Integer.class,
                MemberViewProjection.NAME);
        jdbc.update("UPDATE token_entry SET owner = 'node-100-days-ahead', timestamp = ? WHERE processor_name = ?"
                + " AND segment = ?", databaseNow().plus(Duration.ofDays(100)).toString(), MemberViewProjection.NAME,
                segment);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(api().register(Api.uniqueUsername()));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE owner = 'node-100-days-ahead'",
                    Integer.class)).as("the claim from the future").isZero();
            for (UUID member : members) {
                assertThat(api().get("/api/v1/members/" + member).status()).as("member %s projected", member)
                        .isEqualTo(200);
            }
        });
    }

    private NodeProcess skewedNode(String faketime, String log) throws Exception {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        return NodeProcess.launch(NodeProcess.Launch.packagedJar(), hikari.getJdbcUrl(), dir.resolve(log),
                Map.of("LD_PRELOAD", LIBFAKETIME.toString(), "FAKETIME", faketime,
                        "FAKETIME_DONT_FAKE_MONOTONIC", "1"),
                "--ledger.fleet.balance-interval=PT1S", fleetDirectories()[0], fleetDirectories()[1]);
    }

    private static void awaitAnswering(NodeProcess node) {
        // a JVM under libfaketime starts slowly here (100-130 s measured; every clock call goes through it)
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return node.api().as(null).get("/actuator/health/liveness").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static void assertNotReadyBecauseOfItsClock(NodeProcess node) {
        Api.Response readiness = node.api().as(Api.ADMIN).get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
        JsonNode clock = readiness.json().path("components").path("clock");
        assertThat(clock.path("status").asText()).as(readiness.body()).isEqualTo("DOWN");
        assertThat(Math.abs(clock.path("details").path("offsetMillis").asLong()))
                .isGreaterThan(Duration.ofDays(99).toMillis());
        assertThat(node.api().as(Api.ADMIN).get("/actuator/prometheus").body()).contains("ledger_clock_offset_seconds");
    }

    /** A member registered through the node: its events carry the database's time, not the node's. */
    private void assertWritesDatabaseTime(NodeProcess node) {
        UUID member = node.api().register(Api.uniqueUsername());
        Instant now = databaseNow();
        for (String stamp : jdbc.queryForList("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, member.toString())) {
            assertThat(Duration.between(Instant.parse(stamp), now).abs()).as("event time %s, database %s", stamp, now)
                    .isLessThan(Duration.ofMinutes(1));
        }
    }
}
