package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.support.Api;
import ledger.api.support.FaultInjection;
import ledger.api.support.IntegrationTest;

/**
 * A poison event (its handler fails every time, aborting the PostgreSQL transaction) never stops a
 * processor: after its attempts it is dead-lettered with nothing of its content, the processor
 * handles later events, the member's later events wait behind it, and an ADMIN retries or evicts it.
 */
class PoisonEventIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    FaultInjection faults;
    @Autowired
    ProjectionReplay replay;

    @Test
    void a_poison_event_is_dead_lettered_the_processor_moves_on_and_a_retry_applies_it_once_fixed() {
        UUID poisoned = api().register(Api.uniqueUsername());
        UUID other = api().register(Api.uniqueUsername());
        String poison = FaultInjection.POISON + UUID.randomUUID();
        assertThat(download(poisoned, poison)).isEqualTo(201);
        assertThat(download(other, "price-list-" + UUID.randomUUID())).isEqualTo(201);

        await().atMost(PATIENCE).until(() -> lettersOf(poisoned).size() == 1);
        JsonNode letter = lettersOf(poisoned).get(0);
        assertThat(letter.get("processingGroup").asText()).isEqualTo("member-view");
        assertThat(letter.get("payloadType").asText()).endsWith("DocumentDownloaded");
        assertThat(letter.get("causeMessage").asText()).contains("SQLState 22012").doesNotContain(poison);
        assertThat(letter.toString()).doesNotContain(poison);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(downloads(other)).isEqualTo(1));
        // both handlers' writes for the poison event were rolled back to its savepoint
        assertThat(downloads(poisoned)).isZero();
        assertThat(downloadRows(poisoned)).isZero();
        // other read models are not held up by the member view's poison
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(historyDownloads(poisoned)).isEqualTo(1));

        // the member's next event waits behind the letter, in order
        assertThat(download(poisoned, "price-list-" + UUID.randomUUID())).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> lettersOf(poisoned).size() == 2);
        assertThat(downloads(poisoned)).isZero();

        assertThat(deadLetterGauge()).isGreaterThanOrEqualTo(2.0);
        JsonNode readiness = admin().get("/actuator/health/readiness").json();
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/deadLetters/details/byProcessingGroup/member-view").asLong())
                .isGreaterThanOrEqualTo(2);
        assertThat(api().as(null).get("/actuator/health/readiness").body()).doesNotContain("deadLetters");

        String letterId = letter.get("id").asText();
        Api.Response stillFailing = admin().post("/api/v1/admin/dead-letters/" + letterId + "/retry", "");
        assertThat(stillFailing.status()).isEqualTo(409);
        assertThat(stillFailing.json().get("type").asText()).isEqualTo("urn:ledger:problem:dead-letter-still-failing");
        assertThat(lettersOf(poisoned)).hasSize(2);
        assertThat(downloads(poisoned)).isZero();

        faults.cure(poison);
        Api.Response retried = admin().post("/api/v1/admin/dead-letters/" + letterId + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("resolved").asBoolean()).isTrue();
        assertThat(lettersOf(poisoned)).isEmpty();
        assertThat(downloads(poisoned)).isEqualTo(2);
        assertThat(downloadRows(poisoned)).isEqualTo(2);
        // the member history shares the member view's processor: the letter's retry is the member view's
        // alone, so the history keeps each download once
        assertThat(historyDownloads(poisoned)).isEqualTo(2);

        // the member's sequence flows again
        assertThat(download(poisoned, "price-list-" + UUID.randomUUID())).isEqualTo(201);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(downloads(poisoned)).isEqualTo(3));
    }

    /**
     * The member view and the member history share a processor, so an event's handlers of both run in
     * one transaction. While both groups are careful (savepoints), a poison event of the history must
     * roll back the history's writes only: the member view has taken the event and must keep it.
     */
    @Test
    void a_poison_event_of_the_member_history_leaves_the_member_view_on_the_same_processor_exactly_once() {
        // the member view's poison makes its group careful (savepoint per event) for the window
        UUID viewPoisoned = api().register(Api.uniqueUsername());
        assertThat(download(viewPoisoned, FaultInjection.POISON + UUID.randomUUID())).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> lettersOf(viewPoisoned).size() == 1);

        UUID member = api().register(Api.uniqueUsername());
        assertThat(download(member, FaultInjection.InMemberHistory.POISON + UUID.randomUUID())).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> lettersOf("member-history", member).size() == 1);
        assertThat(lettersOf(member)).isEmpty();
        assertThat(downloads(member)).isEqualTo(1);
        assertThat(downloadRows(member)).isEqualTo(1);
        assertThat(historyDownloads(member)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ? AND type = 'Injected'",
                Integer.class, member)).isZero();
    }

    @Test
    void an_evicted_letter_is_never_applied_and_the_members_later_events_are() {
        UUID member = api().register(Api.uniqueUsername());
        String poison = FaultInjection.POISON + UUID.randomUUID();
        assertThat(download(member, poison)).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> lettersOf(member).size() == 1);
        String letterId = lettersOf(member).get(0).get("id").asText();

        assertThat(admin().get("/api/v1/admin/dead-letters/" + letterId).json().get("id").asText())
                .isEqualTo(letterId);
        assertThat(admin().send("DELETE", "/api/v1/admin/dead-letters/" + letterId, null, null).status())
                .isEqualTo(204);
        assertThat(lettersOf(member)).isEmpty();
        assertThat(admin().get("/api/v1/admin/dead-letters/" + letterId).status()).isEqualTo(404);

        assertThat(download(member, "price-list-" + UUID.randomUUID())).isEqualTo(201);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(downloads(member)).isEqualTo(1));
        assertThat(lettersOf(member)).isEmpty();

        // eviction holds until the read model is rebuilt: a replay, once the bug is fixed, applies the event
        faults.cure(poison);
        assertThat(admin().post("/api/v1/admin/read-models/member-view/replay", null).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !admin().get("/api/v1/admin/read-models/member-view").json()
                .get("replaying").asBoolean());
        awaitReadModelsCaughtUp(replay);
        assertThat(downloads(member)).isEqualTo(2);
    }

    @Test
    void the_dead_letter_endpoints_are_for_admins_and_refuse_unknown_groups_and_letters() {
        assertThat(api().as(Api.DPM).get("/api/v1/admin/dead-letters").status()).isEqualTo(403);
        Api.Response unknownGroup = admin().get("/api/v1/admin/dead-letters?processingGroup=no-such-group");
        assertThat(unknownGroup.status()).isEqualTo(400);
        assertThat(unknownGroup.json().get("errors").has("processingGroup")).isTrue();
        assertThat(unknownGroup.body()).doesNotContain("no-such-group");
        assertThat(admin().post("/api/v1/admin/dead-letters/retry", "").status()).isEqualTo(400);
        Api.Response retryAll = admin().post("/api/v1/admin/dead-letters/retry?processingGroup=member-history", "");
        assertThat(retryAll.status()).isEqualTo(200);
        assertThat(retryAll.json().get("processingGroup").asText()).isEqualTo("member-history");
        assertThat(admin().post("/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/retry", "").status())
                .isEqualTo(404);
        assertThat(admin().send("DELETE", "/api/v1/admin/dead-letters/" + UUID.randomUUID(), null, null).status())
                .isEqualTo(404);
    }

    private Api admin() {
        return api().as(Api.ADMIN);
    }

    private int download(UUID member, String documentId) {
        return api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"" + documentId + "\"}")
                .status();
    }

    private List<JsonNode> lettersOf(UUID member) {
        return lettersOf("member-view", member);
    }

    private List<JsonNode> lettersOf(String group, UUID member) {
        JsonNode all = admin().get("/api/v1/admin/dead-letters?processingGroup=" + group).json();
        return StreamSupport.stream(all.spliterator(), false)
                .filter(l -> member.toString().equals(l.get("aggregateIdentifier").asText()))
                .toList();
    }

    private long downloads(UUID member) {
        Long downloads = jdbc.queryForObject("SELECT downloads FROM member_view WHERE member_id = ?", Long.class,
                member);
        return downloads == null ? 0 : downloads;
    }

    private int historyDownloads(UUID member) {
        Integer rows = jdbc.queryForObject(
                "SELECT count(*) FROM member_history WHERE member_id = ? AND type = 'DocumentDownloaded'",
                Integer.class, member);
        return rows == null ? 0 : rows;
    }

    private int downloadRows(UUID member) {
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM member_view_download WHERE member_id = ?",
                Integer.class, member);
        return rows == null ? 0 : rows;
    }

    private double deadLetterGauge() {
        return admin().get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("ledger_dead_letters{") && line.contains("processing_group=\"member-view\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }
}
