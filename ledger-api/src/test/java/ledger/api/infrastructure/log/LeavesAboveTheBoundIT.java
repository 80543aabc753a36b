package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The log's reads of "rows without a leaf above a bound" (a sequencer round, its sweep, a verification that goes
 * on from the last) cost what lies above the bound, not the log: PostgreSQL does not carry the bound across the
 * anti-join, so without it given again for the leaves a merge or hash anti-join reads every leaf from the first
 * (65 ms a round at a million leaves). Checked on the plans PostgreSQL runs when it joins without a nested loop.
 */
class LeavesAboveTheBoundIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TransactionTemplate transactions;

    /** Leaf rows the statement's plan read (returned or filtered out), over all loops. */
    private long leafRowsRead(String sql, Object... arguments) {
        String plan = transactions.execute(status -> {
            // the joins that read the leaves as a range (a small test log would be probed row by row)
            jdbc.execute("SET LOCAL enable_nestloop = off");
            jdbc.execute("SET LOCAL enable_seqscan = off");
            return jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, String.class, arguments);
        });
        try {
            return leafRows(JSON.readTree(plan).get(0).get("Plan"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long leafRows(JsonNode node) {
        long rows = 0;
        if ("ledger_log_leaf".equals(node.path("Relation Name").asText())) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                    * Math.max(1, node.path("Actual Loops").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            rows += leafRows(child);
        }
        return rows;
    }

    @Test
    void the_reads_of_rows_without_a_leaf_above_a_bound_look_only_at_the_leaves_above_it() {
        for (int i = 0; i < 20; i++) {
            assertThat(api().post("/api/v1/members", Api.registration(Api.uniqueUsername(), "bound")).status())
                    .isEqualTo(201);
        }
        long events = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_log_leaf WHERE global_index >= ?", Long.class, events) == 1);
        long leaves = jdbc.queryForObject("SELECT count(*) FROM ledger_log_leaf", Long.class);
        long bound = events - 3;
        long above = jdbc.queryForObject("SELECT count(*) FROM ledger_log_leaf WHERE global_index > ?", Long.class,
                bound);
        assertThat(leaves).as("leaves in the log").isGreaterThan(above + 30);

        for (long read : List.of(leafRowsRead(Sequencer.NEW_ROWS, bound, bound, 100),
                leafRowsRead(Sequencer.SWEEP, bound, events, bound, 100),
                leafRowsRead(LogVerifier.UNSEQUENCED, bound, bound))) {
            assertThat(read).as("leaf rows read of %d in the log, %d above the bound", leaves, above)
                    .isLessThanOrEqualTo(above);
        }
    }
}
