package ledger.api.infrastructure.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.infrastructure.fleet.FleetDirectories;
import ledger.api.support.IntegrationTest;

/**
 * One journal, one history: a node whose erasure journal or checkpoint directory is not the fleet's
 * (a directory of its own, as the default {@code data/...} on each host would be) refuses to start,
 * naming the setting to fix. Before, such a node started: restoring a backup and starting only that
 * node served an erased member again (its journal knew nothing of the erasure), and the log's key
 * signed two roots for one size.
 */
class FleetDirectoriesIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @TempDir
    Path own;

    private void startNode(String... directories) {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        String[] common = {"--server.port=0", "--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--ledger.master-key=" + TEST_MASTER_KEY, "--ledger.log.signing-key=" + TEST_SIGNING_KEY,
                // the tests' configuration lets restarted nodes adopt their directories: a fleet's node does not
                "--ledger.fleet.adopt-directories=false"};
        String[] args = new String[common.length + directories.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(directories, 0, args, common.length, directories.length);
        new SpringApplicationBuilder(LedgerApplication.class).run(args).close();
    }

    @Test
    void a_node_with_an_erasure_journal_of_its_own_refuses_to_start() {
        assertThatThrownBy(() -> startNode("--ledger.erasure-journal.dir=" + own.resolve("journal"),
                "--ledger.log.checkpoint-dir=" + checkpointDir()))
                .hasStackTraceContaining("Refusing to start: the erasure journal directory")
                .hasStackTraceContaining("is not the fleet's")
                .hasStackTraceContaining("LEDGER_ERASURE_JOURNAL_DIR");
        assertThat(own.resolve("journal").resolve(FleetDirectories.MARKER)).exists();
    }

    @Test
    void a_node_with_a_checkpoint_directory_of_its_own_refuses_to_start() {
        assertThatThrownBy(() -> startNode("--ledger.erasure-journal.dir=" + erasureJournalDir(),
                "--ledger.log.checkpoint-dir=" + own.resolve("checkpoints")))
                .hasStackTraceContaining("Refusing to start: the checkpoint directory")
                .hasStackTraceContaining("LEDGER_CHECKPOINT_DIR");
    }

    @Test
    void the_fleet_s_directories_carry_the_ids_the_database_records() throws Exception {
        for (String[] kind : new String[][] {{"erasure-journal", erasureJournalDir().toString()},
                {"checkpoints", checkpointDir().toString()}}) {
            String marker = Files.readString(Path.of(kind[1]).resolve(FleetDirectories.MARKER)).strip();
            assertThat(jdbc.queryForObject("SELECT directory_id::text FROM ledger_directory WHERE kind = ?", String.class,
                    kind[0])).isEqualTo(marker);
        }
    }
}
