package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.infrastructure.keyvault.MasterKeys;
import ledger.api.support.Api;
import ledger.core.crypto.AesGcm;
import ledger.core.member.MemberRegistered;

/**
 * Rotating the master key re-wraps every data key and touches no event (the ledger still verifies);
 * afterwards the old key is no longer needed to read the members' data. Until the rotation switches the fleet's key, new
 * data keys stay under the old one; a node left with only the old key then goes not ready.
 */
class MasterKeyRotationIT {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String... keys) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg")));
        args.addAll(List.of(keys));
        return SpringApplication.run(LedgerApplication.class, args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void rotation_rewraps_every_data_key_without_touching_an_event() {
        String oldKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        String newKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        String username = Api.uniqueUsername();
        UUID member;
        List<byte[]> eventsBefore;
        try (ConfigurableApplicationContext first = start("--ledger.master-key=" + oldKey)) {
            member = new Api(port(first)).register(username);
            eventsBefore = first.getBean(JdbcTemplate.class).queryForList("SELECT payload FROM domain_event_entry"
                    + " ORDER BY global_index", byte[].class);
        }
        try (ConfigurableApplicationContext rotating = start("--ledger.master-key=" + newKey,
                "--ledger.previous-master-keys=" + oldKey)) {
            JdbcTemplate jdbc = rotating.getBean(JdbcTemplate.class);
            String newId = rotating.getBean(MasterKeys.class).currentId();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_id <> ?", Integer.class, newId))
                    .isPositive();
            Api.Response rotated = new Api(port(rotating)).as(Api.ADMIN).post("/api/v1/admin/master-key/rotation", null);
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.json().get("rewrapped").asLong()).isPositive();
            assertThat(rotated.json().get("remaining").asLong()).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_id IS NOT NULL AND kek_id <> ?",
                    Integer.class, newId)).isZero();
            List<byte[]> eventsAfter = jdbc.queryForList("SELECT payload FROM domain_event_entry ORDER BY global_index",
                    byte[].class);
            assertThat(eventsAfter).hasSameSizeAs(eventsBefore);
            for (int i = 0; i < eventsBefore.size(); i++) {
                assertThat(eventsAfter.get(i)).as("event %d untouched", i).isEqualTo(eventsBefore.get(i));
            }
            // and so the verifiable ledger, which hashes the stored rows, still verifies
            Api.Response verification = new Api(port(rotating)).as(Api.AUDITOR).post("/api/v1/ledger/verification",
                    null);
            assertThat(verification.json().get("status").asText()).as(verification.body()).isEqualTo("OK");
            assertThat(verification.json().get("treeSize").asLong()).isPositive()
                    .isLessThanOrEqualTo(eventsAfter.size());
        }
        try (ConfigurableApplicationContext onlyNew = start("--ledger.master-key=" + newKey)) {
            MemberRegistered registered = (MemberRegistered) onlyNew.getBean(EventStore.class)
                    .readEvents(member.toString(), 0).next().getPayload();
            assertThat(registered.username()).as("readable with the new master key alone").isEqualTo(username);
        }
    }

    private static String kekOf(JdbcTemplate jdbc, UUID subject) {
        return jdbc.queryForObject("SELECT kek_id FROM data_key WHERE subject_id = ?", String.class, subject);
    }

    /** A second node on the first node's database (the embedded PostgreSQL of the first). */
    private static ConfigurableApplicationContext joining(ConfigurableApplicationContext first, String... keys) {
        HikariDataSource database = first.getBean(HikariDataSource.class);
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(), "--spring.datasource.password="));
        args.addAll(List.of(keys));
        return SpringApplication.run(LedgerApplication.class, args.toArray(String[]::new));
    }

    @Test
    void new_keys_stay_under_the_fleets_key_until_the_rotation_switches_it_and_a_node_without_the_new_key_answers_503() {
        String oldKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        String newKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        UUID before;
        String oldId;
        try (ConfigurableApplicationContext first = start("--ledger.master-key=" + oldKey)) {
            before = new Api(port(first)).register(Api.uniqueUsername());
            oldId = first.getBean(MasterKeys.class).currentId();
        }
        String newId;
        try (ConfigurableApplicationContext rotating = start("--ledger.master-key=" + newKey,
                "--ledger.previous-master-keys=" + oldKey)) {
            JdbcTemplate jdbc = rotating.getBean(JdbcTemplate.class);
            newId = rotating.getBean(MasterKeys.class).currentId();
            Api rotatingApi = new Api(port(rotating));
            try (ConfigurableApplicationContext oldOnly = joining(rotating, "--ledger.master-key=" + oldKey)) {
                Api oldOnlyApi = new Api(port(oldOnly));
                UUID during = rotatingApi.register(Api.uniqueUsername());
                assertThat(kekOf(jdbc, during)).as("wrapped under the fleet's key, not the node's new one")
                        .isEqualTo(oldId);
                assertThat(oldOnlyApi.as(null).get("/actuator/health/readiness").status()).isEqualTo(200);

                Api.Response rotated = rotatingApi.as(Api.ADMIN).post("/api/v1/admin/master-key/rotation", null);
                assertThat(rotated.status()).isEqualTo(200);
                assertThat(rotated.json().get("masterKeyId").asText()).isEqualTo(newId);
                assertThat(rotated.json().get("remaining").asLong()).isZero();
                UUID after = rotatingApi.as(Api.PORTAL).register(Api.uniqueUsername());
                assertThat(kekOf(jdbc, after)).isEqualTo(newId);
                assertThat(kekOf(jdbc, during)).isEqualTo(newId);

                // the node that only holds the old key: not ready, and 503 (never 500) where it needs a key
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(oldOnlyApi.as(null).get("/actuator/health/readiness").status()).isEqualTo(503));
                for (Api.Response refused : List.of(
                        oldOnlyApi.as(Api.PORTAL).post("/api/v1/members", Api.registration(Api.uniqueUsername(), "x")),
                        oldOnlyApi.as(Api.PORTAL).post("/api/v1/members/" + during + "/downloads",
                                "{\"documentId\":\"d\"}"))) {
                    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.contentType()).startsWith("application/problem+json");
                    assertThat(refused.json().get("type").asText()).endsWith("master-key-unavailable");
                    assertThat(refused.header("Retry-After")).isNotBlank();
                }
                // shredding needs no key: the node that cannot unwrap still erases
                Api.Response erased = oldOnlyApi.as(Api.DPM).post("/api/v1/members/" + before + "/erasure",
                        "{\"ground\":\"MEMBER_REQUEST\"}");
                assertThat(erased.status()).as(erased.body()).isEqualTo(200);
                assertThat(jdbc.queryForObject("SELECT shredded_at IS NOT NULL FROM data_key WHERE subject_id = ?",
                        Boolean.class, before)).isTrue();
            }
        }
        String newKeyId = newId;
        assertThatThrownBy(() -> start("--ledger.master-key=" + oldKey).close())
                .as("after the rotation the old key alone does not start")
                .hasStackTraceContaining("Refusing to start: the stored data keys are wrapped by master key ids ["
                        + newKeyId + "], but this node holds [" + oldId + " (current)]");
    }
}
