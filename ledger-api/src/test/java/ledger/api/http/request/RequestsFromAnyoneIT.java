package ledger.api.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TimeTravel;

/**
 * Requests from anyone: a contact-form writer, an erased ex-member or a stranger is logged, tracked to
 * its deadline and answered "we hold nothing about you"; their contact data is sealed under the
 * request's own key (never in a read model) and shredded when the request's retention ends; a request
 * by e-mail is linked to the member found. Before, a request needed a memberId.
 */
class RequestsFromAnyoneIT extends IntegrationTest {

    private Api dpm() {
        return api().as(Api.DPM);
    }

    private Api.Response record(String requester, Instant receivedAt) {
        return dpm().post("/api/v1/requests", "{\"requester\":" + requester + ",\"type\":\"ACCESS\",\"receivedAt\":\""
                + receivedAt + "\"}");
    }

    @Test
    void a_stranger_s_request_is_tracked_and_answered_that_no_data_is_held() {
        String marker = "stranger" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response recorded = record("{\"email\":\"" + marker + "@example.org\",\"name\":\"Name " + marker + "\"}",
                Instant.now().minusSeconds(60));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String request = recorded.json().path("requestId").asText();

        JsonNode view = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> dpm().get("/api/v1/requests/" + request).json(), v -> v.path("status").isTextual());
        assertThat(view.path("memberId").isNull()).isTrue();
        assertThat(view.at("/requester/email").asText()).isEqualTo(marker + "@example.org");
        assertThat(view.at("/requester/name").asText()).isEqualTo("Name " + marker);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        // sealed: neither the stored event nor the read model nor its trail holds the contact data
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND position(convert_to(?, 'UTF8') in payload) > 0", Long.class, request, marker)).isZero();
        assertThat(dpm().get("/api/v1/requests/" + request + "/history").body()).doesNotContain(marker);
        assertThat(dpm().get("/api/v1/requests?status=open").body()).doesNotContain(marker);

        assertThat(dpm().post("/api/v1/requests/" + request + "/completion", "{\"outcome\":\"NO_DATA_HELD\"}").status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode closed = dpm().get("/api/v1/requests/" + request).json();
            assertThat(closed.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(closed.path("resultingEventType").asText()).isEqualTo("NO_DATA_HELD");
            assertThat(closed.path("late").asBoolean()).isFalse();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8')"
                + " in task_data) > 0", Integer.class, request)).as("the requester's retention runs").isEqualTo(1);
    }

    @Test
    void when_the_retention_ends_the_requester_s_contact_data_is_shredded() {
        String marker = "lapsed" + UUID.randomUUID().toString().substring(0, 8);
        Duration past = Duration.between(Instant.now().atZone(ZoneOffset.UTC).minusYears(3).toInstant(), Instant.now())
                .plusDays(2);
        String request = TimeTravel.back(past, () -> {
            String id = record("{\"email\":\"" + marker + "@example.org\"}", Instant.now().minus(past).minusSeconds(60))
                    .json().path("requestId").asText();
            assertThat(dpm().post("/api/v1/requests/" + id + "/completion", "{\"outcome\":\"NO_DATA_HELD\"}").status())
                    .isEqualTo(204);
            return id;
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                dpm().get("/api/v1/requests/" + request).json().at("/requester/email").asText()).isEqualTo("[erased]"));
        assertThat(jdbc.queryForObject("SELECT shredded_at IS NOT NULL FROM data_key WHERE subject_id = ?::uuid",
                Boolean.class, request)).isTrue();
        // the trail is a read model of its own (the consent-history processor): it follows the shred, not with it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                dpm().get("/api/v1/requests/" + request + "/history").body()).contains("RequesterDataShredded"));
    }

    @Test
    void a_request_by_e_mail_is_linked_to_the_member_found_and_completes_as_theirs() {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        String email = "mail" + username + "@example.org";
        String request = record("{\"email\":\"" + email + "\"}", Instant.now().minusSeconds(60)).json()
                .path("requestId").asText();
        JsonNode found = dpm().post("/api/v1/members/lookup", "{\"email\":\"" + email + "\"}").json();
        assertThat(found.path("memberIds").get(0).asText()).isEqualTo(member.toString());

        assertThat(dpm().post("/api/v1/requests/" + request + "/member", "{\"memberId\":\"" + member + "\"}").status())
                .isEqualTo(204);
        Api.Response again = dpm().post("/api/v1/requests/" + request + "/member", "{\"memberId\":\"" + member + "\"}");
        assertThat(again.status()).isEqualTo(409);
        Api.Response noData = dpm().post("/api/v1/requests/" + request + "/completion", "{\"outcome\":\"NO_DATA_HELD\"}");
        assertThat(noData.status()).isEqualTo(409);
        assertThat(noData.json().path("type").asText()).isEqualTo("urn:ledger:problem:member-data-held");

        assertThat(dpm().post("/api/v1/requests/" + request + "/verification", "{\"method\":\"REGISTERED_EMAIL\"}")
                .status()).isEqualTo(200);
        assertThat(api().get("/api/v1/members/" + member + "/register-extract").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = dpm().get("/api/v1/requests/" + request).json();
            assertThat(view.path("memberId").asText()).isEqualTo(member.toString());
            assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(view.path("resultingEventType").asText()).isEqualTo("RegisterExtractIssued");
        });
    }

    @Test
    void a_request_names_either_a_member_or_a_requester() {
        UUID member = api().register(Api.uniqueUsername());
        Instant received = Instant.now().minusSeconds(60);
        assertThat(dpm().post("/api/v1/requests", "{\"memberId\":\"" + member + "\",\"requester\":{\"email\":"
                + "\"a@example.org\"},\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}").status()).isEqualTo(400);
        assertThat(dpm().post("/api/v1/requests", "{\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}").status())
                .isEqualTo(400);
        assertThat(record("{\"email\":\"not an address\"}", received).status()).isEqualTo(400);
        assertThat(api().as(Api.PORTAL).post("/api/v1/requests", "{\"requester\":{\"email\":\"a@example.org\"},"
                + "\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}").status()).isEqualTo(403);
    }
}
