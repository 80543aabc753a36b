package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.support.Api;
import ledger.api.support.FaultInjection;
import ledger.api.support.IntegrationTest;
import ledger.projections.consent.ConsentHistoryProjection;
import ledger.projections.history.MemberHistoryProjection;
import ledger.projections.member.MemberViewProjection;
import ledger.projections.member.MemberViewRepository;

/**
 * Read-model rows commit with their processor's token, exactly once: a failed batch leaves no
 * rows, a redelivery changes nothing, and a full replay builds what incremental processing built.
 */
class ExactlyOnceIT extends IntegrationTest {

    private static final List<String> READ_MODEL_QUERIES = List.of(
            "SELECT member_id, username, given_name, family_name, company, email, status, downloads, registered_at,"
                    + " last_activity_at, erasure_due_at, version FROM member_view ORDER BY member_id",
            "SELECT member_id, purpose, granted, policy_version, since FROM member_view_consent ORDER BY 1, 2",
            "SELECT member_id, seq, document_id, title, at FROM member_view_download ORDER BY 1, 2",
            "SELECT member_id, seq, type, at, actor_principal, actor_role, details FROM member_history ORDER BY 1, 2",
            "SELECT member_id, seq, consent_id, type, purpose, policy_version, channel, at, actor_principal,"
                    + " actor_role FROM consent_history ORDER BY 1, 2, 5");

    @Autowired
    MemberViewRepository memberViewRows;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    FaultInjection faults;
    @Autowired
    ProjectionReplay replay;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void micronaut_repositories_write_in_springs_transaction_on_springs_connection() {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            memberViewRows.insertRegistered(id, null, null, null, null, null, Instant.now(), 0);
            Integer seen = jdbc.queryForObject("SELECT count(*) FROM member_view WHERE member_id = ?", Integer.class, id);
            assertThat(seen).as("the uncommitted row is visible to JdbcTemplate: same connection").isEqualTo(1);
            status.setRollbackOnly();
        });
        Integer after = jdbc.queryForObject("SELECT count(*) FROM member_view WHERE member_id = ?", Integer.class, id);
        assertThat(after).as("rolled back with Spring's transaction").isZero();
    }

    @Test
    void a_failing_handler_rolls_back_its_batch_and_the_event_is_processed_again() {
        UUID id = api().register(Api.uniqueUsername());
        int attemptsBefore = faults.attempts();
        assertThat(api().post("/api/v1/members/" + id + "/downloads",
                "{\"documentId\":\"" + FaultInjection.FAIL_ONCE + id + "\"}").status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).until(() -> faults.attempts() >= attemptsBefore + 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT downloads FROM member_view WHERE member_id = ?", Long.class, id)).isEqualTo(1L));
        // the member view's own handler ran twice too; its first write went with the failed batch
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_view_download WHERE member_id = ?",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    void a_redelivery_of_every_event_changes_no_read_model() {
        seedIncludingAnErasedMember();
        awaitReadModelsCaughtUp(replay);
        List<List<Map<String, Object>>> before = snapshot();

        for (String name : List.of(MemberViewProjection.NAME, MemberHistoryProjection.NAME,
                ConsentHistoryProjection.NAME)) {
            // read models name their processing group; the member history shares the member view's processor
            StreamingEventProcessor processor = processing.eventProcessorByProcessingGroup(name,
                    StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            // back to the start without the reset handler: a duplicate delivery of everything
            jdbc.update("UPDATE token_entry SET token = NULL, token_type = NULL WHERE processor_name = ?",
                    processor.getName());
            processor.start();
        }
        awaitReadModelsCaughtUp(replay);
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * A rebuild empties the tables and fills them again; the planner kept the empty tables' statistics
     * until autovacuum came round (a re-consent page of 1,000 took 332 ms instead of 6.4 ms right after a
     * replay of 1,000,000 events). Only a manual ANALYZE counts here: autovacuum's is counted apart.
     */
    @Test
    void a_rebuild_that_has_caught_up_leaves_the_planner_fresh_statistics() {
        seedIncludingAnErasedMember();
        awaitReadModelsCaughtUp(replay);
        long before = manualAnalyses("consent_history");
        assertThat(api().as(Api.ADMIN).post("/api/v1/admin/read-models/" + ConsentHistoryProjection.NAME
                + "/replay", null).status()).isEqualTo(202);
        awaitReadModelsCaughtUp(replay);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(manualAnalyses("consent_history"))
                .as("ANALYZE runs of the rebuilt table").isGreaterThan(before));
    }

    private long manualAnalyses(String table) {
        return jdbc.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                + " AND relname = ?", Long.class, table);
    }

    @Test
    void a_full_replay_rebuilds_every_read_model_as_incremental_processing_built_it() {
        seedIncludingAnErasedMember();
        awaitReadModelsCaughtUp(replay);
        List<List<Map<String, Object>>> before = snapshot();

        for (String name : List.of(MemberViewProjection.NAME, MemberHistoryProjection.NAME,
                ConsentHistoryProjection.NAME)) {
            Api.Response started = api().as(Api.ADMIN).post("/api/v1/admin/read-models/" + name + "/replay", null);
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.json().get("name").asText()).isEqualTo(name);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api().as(Api.ADMIN).get("/api/v1/admin/read-models")
                .json().findValues("replaying").stream().noneMatch(v -> v.asBoolean()));
        awaitReadModelsCaughtUp(replay);
        assertThat(snapshot()).isEqualTo(before);
        Api.Response status = api().as(Api.ADMIN).get("/api/v1/admin/read-models/" + MemberViewProjection.NAME);
        assertThat(status.json().get("caughtUp").asBoolean()).isTrue();
        assertThat(status.json().get("progress").asDouble()).isEqualTo(1.0);
        assertThat(api().as(Api.ADMIN).post("/api/v1/admin/read-models/nope/replay", null).status()).isEqualTo(404);
        assertThat(api().as(Api.DPM).post("/api/v1/admin/read-models/member-view/replay", null).status())
                .isEqualTo(403);
    }

    @Test
    void a_damaged_member_history_is_rebuilt_by_its_replay_on_the_processor_it_shares_with_the_member_view() {
        seedIncludingAnErasedMember();
        awaitReadModelsCaughtUp(replay);
        List<List<Map<String, Object>>> before = snapshot();
        JsonNode models = api().as(Api.ADMIN).get("/api/v1/admin/read-models").json();
        assertThat(processorOf(models, MemberHistoryProjection.NAME)).isEqualTo(MemberViewProjection.NAME);
        assertThat(processorOf(models, MemberViewProjection.NAME)).isEqualTo(MemberViewProjection.NAME);
        assertThat(processorOf(models, ConsentHistoryProjection.NAME)).isEqualTo(ConsentHistoryProjection.NAME);

        jdbc.update("DELETE FROM member_history");
        Api.Response started = api().as(Api.ADMIN).post("/api/v1/admin/read-models/" + MemberHistoryProjection.NAME
                + "/replay", null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("name").asText()).isEqualTo(MemberHistoryProjection.NAME);
        assertThat(started.json().get("processor").asText()).isEqualTo(MemberViewProjection.NAME);
        await().atMost(Duration.ofSeconds(60)).until(() -> api().as(Api.ADMIN).get("/api/v1/admin/read-models")
                .json().findValues("replaying").stream().noneMatch(v -> v.asBoolean()));
        awaitReadModelsCaughtUp(replay);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String processorOf(JsonNode models, String name) {
        for (JsonNode model : models) {
            if (model.get("name").asText().equals(name)) {
                return model.get("processor").asText();
            }
        }
        throw new AssertionError("no read model " + name + " in " + models);
    }

    private void seedIncludingAnErasedMember() {
        UUID kept = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + kept + "/downloads", "{\"documentId\":\"kept-doc\"}");
        api().post("/api/v1/members/" + kept + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        UUID erased = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + erased + "/downloads", "{\"documentId\":\"erased-doc\"}");
        api().patch("/api/v1/members/" + erased + "/profile", "{\"company\":\"Erased Co\"}");
        api().post("/api/v1/members/" + erased + "/membership-end", "{\"reason\":\"MEMBER_REQUEST\"}");
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + erased + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(200);
    }

    private List<List<Map<String, Object>>> snapshot() {
        return READ_MODEL_QUERIES.stream().map(jdbc::queryForList).toList();
    }
}
