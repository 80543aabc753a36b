package ledger.api.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TimeTravel;

/**
 * Retention on persistent deadlines, with legal holds. A membership ended "three months and a
 * minute ago" (time travel on the event clock) is due now, so the real deadline fires at once.
 */
class RetentionIT extends IntegrationTest {

    private static final Duration PAST_RETENTION = Duration.ofDays(93);

    private UUID endedLongAgo(String username, UUID... holdsOut) {
        return TimeTravel.back(PAST_RETENTION, () -> {
            UUID id = api().register(username);
            assertThat(api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"CEASED_PARTNER\"}")
                    .status()).isEqualTo(200);
            return id;
        });
    }

    private long count(UUID member, String type) {
        return storedEventTypes(member).stream().filter(type::equals).count();
    }

    private int scheduledFor(UUID subject) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8')"
                + " in task_data) > 0", Integer.class, subject.toString());
        return count == null ? 0 : count;
    }

    @Test
    void when_the_retention_period_has_passed_the_member_is_erased_automatically_once() {
        UUID id = endedLongAgo(Api.uniqueUsername());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(id, "MemberErased") == 1);
        assertThat(storedEventTypes(id)).endsWith("MembershipEnded", "ErasureDue", "MemberErased");
        assertThat(count(id, "ErasureDue")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL FROM data_key WHERE subject_id = ?", Boolean.class,
                id)).as("key shredded").isTrue();
        assertThat(scheduledFor(id)).as("the deadline is done").isZero();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode receipts = api().as(Api.DPM).get("/api/v1/erasures").json();
            JsonNode mine = null;
            for (JsonNode receipt : receipts) {
                if (receipt.get("subjectId").asText().equals(id.toString())) {
                    mine = receipt;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("ground").asText()).isEqualTo("RETENTION_EXPIRED");
            assertThat(mine.get("automatic").asBoolean()).isTrue();
            assertThat(mine.get("subjectType").asText()).isEqualTo("MEMBER");
        });
    }

    @Test
    void a_manual_erasure_cancels_the_pending_deadline() {
        UUID id = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"MEMBER_REQUEST\"}");
        assertThat(scheduledFor(id)).isEqualTo(1);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        assertThat(scheduledFor(id)).isZero();
    }

    @Test
    void a_legal_hold_defers_the_automatic_erasure_and_its_release_resumes_it() {
        String username = Api.uniqueUsername();
        UUID id = TimeTravel.back(PAST_RETENTION, () -> {
            UUID member = api().register(username);
            Api.Response hold = api().as(Api.DPM).post("/api/v1/members/" + member + "/legal-holds",
                    "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"pending dispute\"}");
            assertThat(hold.status()).isEqualTo(201);
            api().post("/api/v1/members/" + member + "/membership-end", "{\"reason\":\"CEASED_PARTNER\"}");
            return member;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> count(id, "ErasureDeferred") == 1);
        assertThat(count(id, "MemberErased")).isZero();

        JsonNode view = api().as(Api.DPM).get("/api/v1/members/" + id).json();
        assertThat(view.get("legalHolds")).hasSize(1);
        assertThat(view.at("/legalHolds/0/ground").asText()).isEqualTo("LEGAL_CLAIMS");
        String holdId = view.at("/legalHolds/0/holdId").asText();

        Api.Response manual = api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}");
        assertThat(manual.status()).isEqualTo(409);
        assertThat(manual.json().get("type").asText()).isEqualTo("urn:ledger:problem:legal-hold");
        assertThat(manual.json().get("holds").get(0).asText()).isEqualTo(holdId);

        assertThat(api().as(Api.DPM).send("DELETE", "/api/v1/members/" + id + "/legal-holds/" + holdId, null, null)
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(id, "MemberErased") == 1);
        assertThat(storedEventTypes(id)).endsWith("LegalHoldReleased", "ErasureDue", "MemberErased");
        assertThat(api().as(Api.DPM).send("DELETE", "/api/v1/members/" + id + "/legal-holds/" + holdId, null, null)
                .status()).isEqualTo(409);
    }

    @Test
    void a_contact_case_is_erased_when_its_retention_has_passed() {
        UUID caseId = TimeTravel.back(Duration.ofDays(3 * 366), () -> UUID.fromString(api().post(
                "/api/v1/contact-cases", "{\"name\":\"Old\",\"email\":\"old@example.org\",\"message\":\"hello\"}")
                .json().get("caseId").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes(caseId).contains("ContactCaseErased"));
        assertThat(storedEventTypes(caseId)).containsExactly("ContactCaseOpened", "ContactCaseErasureDue",
                "ContactCaseErased");
    }

    @Test
    void an_unknown_hold_is_404_and_a_hold_needs_a_ground() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().as(Api.DPM).send("DELETE", "/api/v1/members/" + id + "/legal-holds/" + UUID.randomUUID(),
                null, null).status()).isEqualTo(404);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/legal-holds", "{\"reason\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"INACTIVITY\"}").status())
                .isEqualTo(400);
    }
}
