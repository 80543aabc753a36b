package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/** The portal's commands, HTTP to event store on real PostgreSQL, and the member view they build. */
class MemberCommandsIT extends IntegrationTest {

    @Test
    void a_registration_stores_the_member_and_its_consents_and_answers_201_with_a_location() {
        String username = Api.uniqueUsername();
        Api.Response response = api().post("/api/v1/members", Api.registration(username, "X1"));

        assertThat(response.status()).isEqualTo(201);
        UUID id = UUID.fromString(response.json().get("memberId").asText());
        assertThat(response.header("Location")).isEqualTo("/api/v1/members/" + id);
        assertThat(storedEventTypes(id)).containsExactly("MemberRegistered", "ConsentGiven");
        Map<String, Object> consent = jdbc.queryForMap("SELECT payload, meta_data FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", id.toString());
        String payload = new String((byte[]) consent.get("payload"));
        assertThat(payload).contains("\"purpose\":\"portal-membership\"", "\"policyVersion\":\"2019-01-05\"",
                "\"noticeSha256\":\"" + Notices.POLICY_SHA256 + "\"", "\"language\":\"en\"",
                "\"principal\":\"static:PORTAL#1\"", "\"role\":\"PORTAL\"");
        assertThat(payload).as("no acting user named: none recorded").doesNotContain("actingUser");
    }

    @Test
    void a_caller_may_choose_the_member_id() {
        UUID chosen = UUID.randomUUID();
        String body = Api.registration(Api.uniqueUsername(), "X2").replace("\"consents\"",
                "\"memberId\":\"" + chosen + "\",\"consents\"");
        Api.Response response = api().post("/api/v1/members", body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("memberId").asText()).isEqualTo(chosen.toString());
    }

    @Test
    void consents_are_given_and_withdrawn_per_purpose_and_the_view_follows() {
        UUID id = api().register(Api.uniqueUsername());

        Api.Response given = api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\",\"channel\":\"email\"}");
        assertThat(given.status()).isEqualTo(201);
        assertThat(UUID.fromString(given.json().get("consentId").asText())).isNotNull();

        Api.Response again = api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("consentId").asText()).isEqualTo(given.json().get("consentId").asText());

        Api.Response withdrawn = api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("withdrawn").toString()).isEqualTo("[\"newsletter\"]");

        Api.Response nothing = api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}");
        assertThat(nothing.json().get("withdrawn").toString()).isEqualTo("[]");

        assertThat(storedEventTypes(id)).containsExactly("MemberRegistered", "ConsentGiven", "ConsentGiven",
                "ConsentWithdrawn");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = api().get("/api/v1/members/" + id).json();
            assertThat(view.at("/consents/newsletter/granted").asBoolean(true)).isFalse();
            assertThat(view.at("/consents/newsletter/policyVersion").asText()).isEqualTo("2019-01-05");
            assertThat(view.at("/consents/portal-membership/granted").asBoolean()).isTrue();
        });
    }

    @Test
    void withdrawing_all_consents_ends_the_membership() {
        UUID id = api().register(Api.uniqueUsername());
        Api.Response response = api().post("/api/v1/members/" + id + "/consents/withdrawals", "{\"all\":true}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("withdrawn").toString()).isEqualTo("[\"portal-membership\"]");
        assertThat(storedEventTypes(id)).endsWith("ConsentWithdrawn", "MembershipEnded");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/v1/members/" + id).json().get("status").asText()).isEqualTo("ENDED"));
    }

    @Test
    void a_profile_edit_answers_the_updated_member_view() {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        Api.Response response = api().patch("/api/v1/members/" + id + "/profile",
                "{\"familyName\":\"King\",\"email\":\"ada.king@example.org\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode view = response.json();
        assertThat(view.get("memberId").asText()).isEqualTo(id.toString());
        assertThat(view.get("username").asText()).isEqualTo(username);
        assertThat(view.get("givenName").asText()).isEqualTo("Given" + username);
        assertThat(view.get("familyName").asText()).isEqualTo("King");
        assertThat(view.get("company").asText()).isEqualTo("Company" + username);
        assertThat(view.get("email").asText()).isEqualTo("ada.king@example.org");
        assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(view.get("downloads").asLong()).isZero();
        assertThat(view.get("erasureDueAt").isNull()).isTrue();
        assertThat(view.get("legalHolds").isArray()).isTrue();
        assertThat(view.has("version")).as("internal field").isFalse();
        Instant registered = Instant.parse(view.get("registeredAt").asText());
        assertThat(Instant.parse(view.get("lastActivityAt").asText())).isAfterOrEqualTo(registered);
        assertThat(storedEventTypes(id)).endsWith("ProfileEdited");
    }

    @Test
    void a_username_change_is_refused_with_422_and_stores_nothing() {
        UUID id = api().register(Api.uniqueUsername());
        long before = storedEventTypes(id).size();
        Api.Response response = api().patch("/api/v1/members/" + id + "/profile",
                "{\"username\":\"someoneelse\",\"givenName\":\"Eve\"}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:ledger:problem:username-immutable");
        assertThat(storedEventTypes(id)).hasSize((int) before);
    }

    @Test
    void downloads_are_recorded_and_counted() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"doc-7\",\"title\":\"Prices\"}")
                .status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"doc-8\"}").status())
                .isEqualTo(201);
        assertThat(storedEventTypes(id)).endsWith("DocumentDownloaded", "DocumentDownloaded");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asLong()).isEqualTo(2));
    }

    @Test
    void ending_a_membership_answers_when_the_data_will_be_erased() {
        UUID id = api().register(Api.uniqueUsername());
        Instant before = Instant.now();
        Api.Response response = api().post("/api/v1/members/" + id + "/membership-end",
                "{\"reason\":\"CEASED_PARTNER\"}");
        assertThat(response.status()).isEqualTo(200);
        Instant due = Instant.parse(response.json().get("erasureDueAt").asText());
        assertThat(due).isAfter(before.plus(Duration.ofDays(88))).isBefore(before.plus(Duration.ofDays(93)));

        Api.Response again = api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"MISUSE\"}");
        assertThat(again.json().get("erasureDueAt").asText()).isEqualTo(response.json().get("erasureDueAt").asText());
        assertThat(storedEventTypes(id)).containsOnlyOnce("MembershipEnded");
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"d\"}").status())
                .isEqualTo(409);
    }

    @Test
    void a_taken_username_is_refused_with_409_even_in_another_case() {
        String username = Api.uniqueUsername();
        api().register(username);
        long before = eventCount();
        Api.Response response = api().post("/api/v1/members", Api.registration(username.toUpperCase(), "X3"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:ledger:problem:username-taken");
        assertThat(response.body()).doesNotContain(username).doesNotContain(username.toUpperCase());
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void commands_for_an_unknown_member_are_404() {
        UUID unknown = UUID.randomUUID();
        assertThat(api().post("/api/v1/members/" + unknown + "/downloads", "{\"documentId\":\"d\"}").status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/members/" + unknown).status()).isEqualTo(404);
        assertThat(api().patch("/api/v1/members/" + unknown + "/profile", "{\"givenName\":\"A\"}").status())
                .isEqualTo(404);
        assertThat(storedEventTypes(unknown)).isEmpty();
    }

    @Test
    void every_event_names_the_caller_and_the_time() {
        UUID id = api().register(Api.uniqueUsername());
        api().as(Api.DPM).post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"MISUSE\"}");
        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id.toString());
        assertThat(payloads).hasSize(3).allSatisfy(p -> assertThat(p).contains("\"by\":{\"principal\":\"static:")
                .containsPattern("\"at\":\"\\d{4}-\\d\\d-\\d\\dT"));
        assertThat(payloads.get(2)).contains("\"principal\":\"static:DPM#1\"");
    }
}
