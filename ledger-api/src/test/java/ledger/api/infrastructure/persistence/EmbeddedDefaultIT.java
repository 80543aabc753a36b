package ledger.api.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ledger.api.LedgerApplication;

/**
 * The local default, whatever the test environment: with no datasource URL the service starts its
 * own PostgreSQL, migrates it, keeps the data across a restart and stops it on shutdown.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path dataRoot;

    @Test
    void without_a_datasource_url_the_service_runs_on_an_embedded_postgresql_that_keeps_its_data() {
        Path dataDir = dataRoot.resolve("postgres");
        String[] args = {"--server.port=0", "--spring.datasource.url=",
                "--ledger.embedded-postgres.data-dir=" + dataDir,
                "--ledger.master-key-file=" + dataRoot.resolve("master.key")};

        int port;
        try (ConfigurableApplicationContext first = SpringApplication.run(LedgerApplication.class, args)) {
            port = first.getBean(EmbeddedPostgres.class).getPort();
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO username_claim (username_digest, member_id) VALUES (?, gen_random_uuid())",
                    (Object) new byte[] {1, 2, 3});
            assertThat(jdbc.queryForObject("SELECT current_setting('data_directory')", String.class))
                    .isEqualTo(dataDir.toAbsolutePath().toString());
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(dataRoot.resolve("master.key"))).as("local master key generated").isTrue();
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("stopped cleanly").isFalse();

        try (ConfigurableApplicationContext second = SpringApplication.run(LedgerApplication.class, args)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM username_claim WHERE username_digest = ?",
                    Integer.class, (Object) new byte[] {1, 2, 3})).isEqualTo(1);
            assertThat(port).isPositive();
        }
    }
}
