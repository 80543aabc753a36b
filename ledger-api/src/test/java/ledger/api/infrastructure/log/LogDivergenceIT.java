package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.infrastructure.log.CheckpointFiles;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.LedgerNode;

/**
 * An operator with database access cuts the log back or rewrites it, with its own checkpoint rows;
 * the checkpoint directory outside the database still holds what the log's key signed. The
 * service must never sign a second root for a size it signed: it stops signing, {@code ledgerLog}
 * is DOWN, the verification reports FAILED with the first differing index, a metric says so.
 * Each case runs a node of its own on a database of its own (the shared test log stays intact).
 */
class LogDivergenceIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private LedgerNode node(String database, Path checkpoints) {
        return new LedgerNode(dataSource, database, checkpoints);
    }

    private String freshDatabase() {
        return LedgerNode.freshDatabase(jdbc, "ledger_divergence");
    }

    private static void commands(LedgerNode node, int members) {
        for (int i = 0; i < members; i++) {
            UUID member = node.api().register(Api.uniqueUsername());
            assertThat(node.api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"d\"}").status())
                    .isEqualTo(201);
        }
    }

    /** Waits until the directory's largest checkpoint covers every leaf of the node's log. */
    private static long signedEverything(LedgerNode node, Path checkpoints) throws java.io.IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long leaves = node.sql.queryForObject("SELECT count(*) FROM ledger_log_leaf", Long.class);
            long events = node.sql.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            return leaves == events && leaves > 0 && largestFile(checkpoints) == leaves;
        });
        return largestFile(checkpoints);
    }

    private static long largestFile(Path checkpoints) throws java.io.IOException {
        return largestFileAtMost(checkpoints, Long.MAX_VALUE);
    }

    /**
     * The largest checkpoint file of at most {@code leaves} leaves: where the service places the first
     * differing index when the true one is {@code leaves} (it can prove the leaves below a checkpoint
     * that still matches, no finer).
     */
    private static long largestFileAtMost(Path checkpoints, long leaves) throws java.io.IOException {
        if (!Files.isDirectory(checkpoints)) {
            return -1;
        }
        return CheckpointFiles.list(checkpoints).stream().mapToLong(CheckpointFiles::sizeInName)
                .filter(size -> size <= leaves).max().orElse(-1);
    }

    /** What the node says once it noticed: signing stopped, health DOWN, verification FAILED at {@code index}. */
    private static void assertDiverged(LedgerNode node, long index, long signed, Path checkpoints) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = node.api().as(Api.ADMIN).get("/actuator/health").json().path("components").path("ledgerLog");
            assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("DOWN");
            assertThat(health.path("details").path("signing").asText()).isEqualTo("stopped");
        });
        Api.Response verification = node.api().as(Api.AUDITOR).post("/api/v1/ledger/verification", null);
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().path("status").asText()).as(verification.body()).isEqualTo("FAILED");
        assertThat(verification.json().path("firstBad").path("index").asLong()).as(verification.body()).isEqualTo(index);
        assertThat(node.api().as(Api.ADMIN).get("/actuator/prometheus").body()).contains("ledger_log_signing_stopped 1.0");

        // new commands get leaves, but no checkpoint is signed over a history that differs from the signed one
        String highest = Files.readString(checkpoints.resolve("highest-signed.note"), StandardCharsets.UTF_8);
        commands(node, 2);
        Thread.sleep(3_000); // three checkpoint intervals: what would have been signed by now was refused
        assertThat(node.sql.queryForObject("SELECT count(*) FROM ledger_log_checkpoint WHERE tree_size > ?", Long.class,
                index)).as("no checkpoint signed after the divergence").isZero();
        assertThat(Files.readString(checkpoints.resolve("highest-signed.note"), StandardCharsets.UTF_8))
                .isEqualTo(highest);
        assertThat(largestFile(checkpoints)).isEqualTo(signed);
    }

    /** The log's rows from leaf {@code from} on: leaves, the subtree nodes over them, the checkpoints past them. */
    private static void unsequenceFrom(LedgerNode node, long from) {
        node.sql.update("DELETE FROM ledger_log_leaf WHERE leaf_index >= ?", from);
        node.sql.update("DELETE FROM ledger_log_node WHERE (node_index + 1) * (1::bigint << level) > ?", from);
        node.sql.update("DELETE FROM ledger_log_checkpoint WHERE tree_size > ?", from);
    }

    @Test
    void a_truncated_tail_stops_signing_and_is_reported_at_its_first_missing_leaf() throws Exception {
        Path checkpoints = dir.resolve("checkpoints-truncated");
        try (LedgerNode node = node(freshDatabase(), checkpoints)) {
            commands(node, 4);
            long signed = signedEverything(node, checkpoints);
            long keep = signed - 3;
            // the attacker's cut: events, leaves, subtree nodes and checkpoints of the tail
            node.sql.update("DELETE FROM domain_event_entry e USING ledger_log_leaf l"
                    + " WHERE l.global_index = e.global_index AND l.leaf_index >= ?", keep);
            unsequenceFrom(node, keep);

            commands(node, 1); // the sequencer notices the shorter log, tries to sign
            assertDiverged(node, largestFileAtMost(checkpoints, keep), signed, checkpoints);
        }
    }

    @Test
    void a_rewritten_tail_of_the_same_length_stops_signing_and_is_reported() throws Exception {
        Path checkpoints = dir.resolve("checkpoints-rewritten");
        try (LedgerNode node = node(freshDatabase(), checkpoints)) {
            commands(node, 2);
            long first = signedEverything(node, checkpoints);
            commands(node, 2);
            long signed = signedEverything(node, checkpoints);
            // the tail from `first` on is re-sequenced after one of its events was changed: same length, another root
            node.sql.update("UPDATE domain_event_entry SET time_stamp = '2019-01-05T00:00:00Z' WHERE global_index ="
                    + " (SELECT global_index FROM ledger_log_leaf WHERE leaf_index = ?)", first + 1);
            unsequenceFrom(node, first);
            commands(node, 1);
            // leaf `first` is the same event again; leaf first + 1 is the changed one
            assertDiverged(node, largestFileAtMost(checkpoints, first + 1), signed, checkpoints);
        }
    }

    @Test
    void a_deleted_checkpoint_row_stops_signing_and_is_reported() throws Exception {
        Path checkpoints = dir.resolve("checkpoints-deleted-row");
        try (LedgerNode node = node(freshDatabase(), checkpoints)) {
            commands(node, 3);
            long signed = signedEverything(node, checkpoints);
            Long before = node.sql.queryForObject("SELECT max(tree_size) FROM ledger_log_checkpoint WHERE tree_size < ?",
                    Long.class, signed);
            node.sql.update("DELETE FROM ledger_log_checkpoint WHERE tree_size = ?", signed);

            commands(node, 1);
            assertDiverged(node, largestFileAtMost(checkpoints, before), signed, checkpoints);
        }
    }

    @Test
    void a_restored_older_database_is_refused_signing_at_start() throws Exception {
        Path checkpoints = dir.resolve("checkpoints-restored");
        String database = freshDatabase();
        String backup = "ledger_backup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        long atBackup;
        try (LedgerNode node = node(database, checkpoints)) {
            commands(node, 2);
            atBackup = signedEverything(node, checkpoints);
        }
        jdbc.execute("CREATE DATABASE " + backup + " TEMPLATE " + database);
        long signed;
        try (LedgerNode node = node(database, checkpoints)) {
            commands(node, 3);
            signed = signedEverything(node, checkpoints);
        }
        assertThat(signed).isGreaterThan(atBackup);

        try (LedgerNode restored = node(backup, checkpoints)) {
            assertDiverged(restored, largestFileAtMost(checkpoints, atBackup), signed, checkpoints);
        }
    }
}
