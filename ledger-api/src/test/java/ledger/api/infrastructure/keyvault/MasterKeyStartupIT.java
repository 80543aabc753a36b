package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * A node whose master keys cannot unwrap the stored data keys, or that does not hold the key the
 * fleet wraps new data keys under, refuses to start, naming the key ids it found and holds (ids
 * only, never key material). A wrong key that is only a previous key does not matter.
 */
class MasterKeyStartupIT {

    private final String rightKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
    private final String wrongKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
    private final String rightId = idOf(rightKey);
    private final String wrongId = idOf(wrongKey);

    @TempDir
    Path dir;

    private static String idOf(String key) {
        return new MasterKeys(MasterKeys.decode(key), List.of()).currentId();
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg")));
        args.addAll(List.of(more));
        return SpringApplication.run(LedgerApplication.class, args.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** A database holding one member's data key, wrapped by the right key. */
    private UUID memberUnderTheRightKey(String username) {
        try (ConfigurableApplicationContext node = start("--ledger.master-key=" + rightKey)) {
            return api(node).register(username);
        }
    }

    @Test
    void a_node_with_a_wrong_master_key_refuses_to_start_naming_the_ids_it_found_and_holds() {
        memberUnderTheRightKey(Api.uniqueUsername());

        assertThatThrownBy(() -> start("--ledger.master-key=" + wrongKey).close())
                .hasStackTraceContaining("Refusing to start: the stored data keys are wrapped by master key ids ["
                        + rightId + "], but this node holds [" + wrongId + " (current)]; missing [" + rightId + "]")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(rightKey).doesNotContain(wrongKey));
    }

    @Test
    void a_node_with_the_right_key_and_a_wrong_previous_key_starts_and_reads() {
        String username = Api.uniqueUsername();
        UUID member = memberUnderTheRightKey(username);

        try (ConfigurableApplicationContext node = start("--ledger.master-key=" + rightKey,
                "--ledger.previous-master-keys=" + wrongKey)) {
            MemberRegistered registered = (MemberRegistered) node.getBean(EventStore.class)
                    .readEvents(member.toString(), 0).next().getPayload();
            assertThat(registered.username()).isEqualTo(username);
            assertThat(api(node).as(null).get("/actuator/health/readiness").status()).isEqualTo(200);
            UUID another = api(node).register(Api.uniqueUsername());
            assertThat(node.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT kek_id FROM data_key WHERE subject_id = ?", String.class, another)).isEqualTo(rightId);
        }
    }

    @Test
    void a_different_key_posing_under_the_stored_id_is_found_by_unwrapping_samples() {
        try (ConfigurableApplicationContext node = start("--ledger.master-key=" + rightKey)) {
            api(node).register(Api.uniqueUsername());
            // the rows claim the wrong key's id: only unwrapping can tell the key is not theirs
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            jdbc.update("UPDATE data_key SET kek_id = ? WHERE kek_id IS NOT NULL", wrongId);
            jdbc.update("UPDATE master_key_registry SET active_kek_id = ?", wrongId);
        }

        assertThatThrownBy(() -> start("--ledger.master-key=" + wrongKey).close())
                .hasStackTraceContaining("Refusing to start: the master key this node holds as id " + wrongId
                        + " does not unwrap the data keys stored under that id")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(rightKey).doesNotContain(wrongKey));
    }

    @Test
    void on_an_empty_database_the_first_node_sets_the_fleet_key_and_a_node_with_another_key_refuses_to_start() {
        try (ConfigurableApplicationContext first = start("--ledger.master-key=" + rightKey)) {
            assertThat(first.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM data_key",
                    Integer.class)).isZero();
            HikariDataSource database = first.getBean(HikariDataSource.class);

            assertThatThrownBy(() -> SpringApplication.run(LedgerApplication.class, "--server.port=0",
                    "--spring.datasource.url=" + database.getJdbcUrl(),
                    "--spring.datasource.username=" + database.getUsername(),
                    "--spring.datasource.password=",
                    "--ledger.master-key=" + wrongKey).close())
                    .hasStackTraceContaining("Refusing to start: the fleet wraps new data keys under master key id "
                            + rightId + ", but this node holds [" + wrongId + " (current)]");
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
