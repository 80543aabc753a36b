package ledger.api.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ledger.api.LedgerApplication;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TimeTravel;
import ledger.core.member.EndMembership;
import ledger.core.member.MemberId;
import ledger.core.member.MembershipEndReason;
import ledger.core.member.RegisterMember;
import ledger.core.notice.ConsentNotice;
import ledger.core.notice.NoticeRegistry;
import ledger.core.shared.Actor;

/**
 * Persistent deadlines on a database of their own: two nodes running at once fire each deadline
 * exactly once, and a deadline due while no node runs fires after the restart.
 */
class DeadlinesAcrossNodesAndRestartsIT {

    private static final Actor PORTAL = new Actor("test", "PORTAL");

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--db-scheduler.polling-interval=500ms",
                "--ledger.master-key=" + IntegrationTest.TEST_MASTER_KEY));
        args.addAll(List.of(extra));
        return SpringApplication.run(LedgerApplication.class, args.toArray(String[]::new));
    }

    private static MemberId endMembership(ConfigurableApplicationContext node, Duration ago) {
        CommandGateway commands = node.getBean(CommandGateway.class);
        ConsentNotice policy = node.getBean(NoticeRegistry.class).consentNotice("2019-01-05");
        MemberId id = MemberId.random();
        TimeTravel.back(ago, () -> {
            commands.sendAndWait(new RegisterMember(id, "u" + id.value().toString().substring(0, 8), "G", "F", "C",
                    "x@example.org", List.of(new RegisterMember.ConsentRequest("portal-membership", policy, "portal")),
                    PORTAL));
            return commands.sendAndWait(new EndMembership(id, MembershipEndReason.CEASED_PARTNER, PORTAL));
        });
        return id;
    }

    private static long count(JdbcTemplate jdbc, MemberId id, String type) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE ?", Long.class, id.toString(), "%." + type);
        return count == null ? 0 : count;
    }

    /** How far back to travel so that a three-month retention falls due {@code ahead} from now. */
    private static Duration dueIn(Duration ahead) {
        Instant now = Instant.now();
        return Duration.between(now.atZone(ZoneOffset.UTC).minusMonths(3).toInstant(), now).minus(ahead);
    }

    @Test
    void deadlines_fire_exactly_once_with_two_nodes_and_after_a_restart() {
        String dataDir = "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg");
        MemberId dueAfterRestart;
        List<MemberId> dueNow = new ArrayList<>();
        try (ConfigurableApplicationContext nodeA = start(dataDir)) {
            String url = nodeA.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext nodeB = start("--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres")) {
                JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
                for (int i = 0; i < 6; i++) {
                    dueNow.add(endMembership(i % 2 == 0 ? nodeA : nodeB, Duration.ofDays(93)));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> dueNow.stream()
                        .allMatch(id -> count(jdbc, id, "MemberErased") == 1));
                for (MemberId id : dueNow) {
                    assertThat(count(jdbc, id, "ErasureDue")).as("fired once").isEqualTo(1);
                    assertThat(count(jdbc, id, "MemberErased")).isEqualTo(1);
                }
            }
            dueAfterRestart = endMembership(nodeA, dueIn(Duration.ofSeconds(25)));
            assertThat(count(nodeA.getBean(JdbcTemplate.class), dueAfterRestart, "ErasureDue")).isZero();
        }
        // no node runs while the deadline falls due
        try (ConfigurableApplicationContext restarted = start(dataDir)) {
            JdbcTemplate jdbc = restarted.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, dueAfterRestart, "ErasureDue")).as("not fired before the restart").isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, dueAfterRestart, "MemberErased") == 1);
            assertThat(count(jdbc, dueAfterRestart, "ErasureDue")).isEqualTo(1);
        }
    }
}
