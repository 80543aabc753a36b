package ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Idempotency-Key: a repetition replays the first answer and records nothing new. */
class IdempotencyIT extends IntegrationTest {

    @Test
    void the_same_key_with_the_same_body_answers_the_first_response_and_records_nothing_new() {
        String key = "reg-" + UUID.randomUUID();
        String body = Api.registration(Api.uniqueUsername(), "I1");
        Api.Response first = api().header("Idempotency-Key", key).post("/api/v1/members", body);
        long after = eventCount();
        Api.Response second = api().header("Idempotency-Key", key).post("/api/v1/members", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount()).isEqualTo(after);
    }

    @Test
    void the_same_key_with_another_body_is_422() {
        UUID member = api().register(Api.uniqueUsername());
        String key = "dl-" + UUID.randomUUID();
        assertThat(api().header("Idempotency-Key", key)
                .post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"a\"}").status()).isEqualTo(201);
        long after = eventCount();
        Api.Response other = api().header("Idempotency-Key", key)
                .post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"b\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(after);
    }

    @Test
    void keys_are_scoped_per_caller() {
        UUID member = api().register(Api.uniqueUsername());
        String key = "end-" + UUID.randomUUID();
        String body = "{\"reason\":\"MISUSE\"}";
        assertThat(api().header("Idempotency-Key", key).post("/api/v1/members/" + member + "/membership-end", body)
                .status()).isEqualTo(200);
        Api.Response byDpm = api().as(Api.DPM).header("Idempotency-Key", key)
                .post("/api/v1/members/" + member + "/membership-end", body);
        assertThat(byDpm.status()).isEqualTo(200);
        assertThat(byDpm.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void an_invalid_key_is_400() {
        Api.Response response = api().header("Idempotency-Key", "x".repeat(129))
                .post("/api/v1/members", Api.registration(Api.uniqueUsername(), "I2"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_refused_first_request_is_replayed_as_refused() {
        String key = "bad-" + UUID.randomUUID();
        String body = Api.registration(Api.uniqueUsername(), "I3").replace("portal-membership", "newsletter");
        assertThat(api().header("Idempotency-Key", key).post("/api/v1/members", body).status()).isEqualTo(422);
        Api.Response again = api().header("Idempotency-Key", key).post("/api/v1/members", body);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }
}
