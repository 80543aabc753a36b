package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
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
    void a_key_whose_record_expired_is_reserved_again_for_a_new_request() {
        UUID member = api().register(Api.uniqueUsername());
        String key = "dl-" + UUID.randomUUID();
        Api.Response first = api().header("Idempotency-Key", key).post("/api/v1/members/" + member + "/downloads",
                "{\"documentId\":\"expired-1\"}");
        assertThat(first.status()).isEqualTo(201);
        // older than any retention: the record no longer holds the key
        jdbc.update("UPDATE idempotency_record SET created_at = now() - interval '3650 days' WHERE key = ?", key);
        long before = eventCount();

        Api.Response second = api().header("Idempotency-Key", key).post("/api/v1/members/" + member + "/downloads",
                "{\"documentId\":\"expired-2\"}");

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE key = ? AND state = 'DONE'"
                + " AND created_at > now() - interval '1 day'", Long.class, key)).isEqualTo(1);
        Api.Response third = api().header("Idempotency-Key", key).post("/api/v1/members/" + member + "/downloads",
                "{\"documentId\":\"expired-2\"}");
        assertThat(third.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(third.body()).isEqualTo(second.body());
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

    /**
     * The red team's oracle: a refused repetition of a registration under a second key, kept after
     * the member's erasure, told a right guess of the body (409 replayed) from a wrong one (422).
     */
    @Test
    void after_erasure_a_guessed_registration_and_a_wrong_one_get_the_same_answer_and_no_row_holds_a_digest_of_a_body() {
        Api.Response guessed = refusedRepetitionThenErasureThenAgain(body -> body);
        Api.Response wrong = refusedRepetitionThenErasureThenAgain(body -> body.replace("@example.org", "@example.net"));

        assertThat(guessed.header("Idempotent-Replayed")).as("a right guess is not replayed").isNull();
        assertThat(wrong.header("Idempotent-Replayed")).isNull();
        assertThat(guessed.status()).as(guessed.body()).isEqualTo(wrong.status());
    }

    private Api.Response refusedRepetitionThenErasureThenAgain(java.util.function.UnaryOperator<String> guess) {
        String body = Api.registration(Api.uniqueUsername(), "G" + UUID.randomUUID().toString().substring(0, 8));
        String keyA = "a-" + UUID.randomUUID();
        String keyB = "b-" + UUID.randomUUID();
        Api.Response first = api().header("Idempotency-Key", keyA).post("/api/v1/members", body);
        assertThat(first.status()).isEqualTo(201);
        UUID member = UUID.fromString(first.json().get("memberId").asText());
        Api.Response taken = api().header("Idempotency-Key", keyB).post("/api/v1/members", body);
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(rowsWithPlainDigestOf("POST /api/v1/members\n" + body)).as("a plain hash of the body").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE key = ? AND subject_id = ?",
                Long.class, keyB, member)).as("the refused registration names the member holding the username")
                .isEqualTo(1L);

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM idempotency_record WHERE key IN (?, ?)", Long.class, keyA, keyB))
                .as("every record of the member, the refused one included").isZero());

        String attempt = guess.apply(body);
        Api.Response answer = api().header("Idempotency-Key", keyB).post("/api/v1/members", attempt);
        assertThat(rowsWithPlainDigestOf("POST /api/v1/members\n" + attempt)).isZero();
        return answer;
    }

    @Test
    void records_of_a_request_refusal_and_extension_belong_to_the_request_member_and_go_with_the_erasure() {
        UUID member = api().register(Api.uniqueUsername());
        Api.Response opened = api().as(Api.DPM).post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + Instant.now() + "\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String request = opened.json().get("requestId").asText();
        String extension = "ext-" + UUID.randomUUID();
        String refusal = "ref-" + UUID.randomUUID();
        api().as(Api.DPM).header("Idempotency-Key", extension).post("/api/v1/requests/" + request + "/extension",
                "{\"memberId\":\"" + member + "\",\"months\":2,\"reason\":\"the member sent 40 requests\"}");
        api().as(Api.DPM).header("Idempotency-Key", refusal).post("/api/v1/requests/" + request + "/refusal",
                "{\"reason\":\"manifestly unfounded: the member asked for the same data daily\"}");
        assertThat(jdbc.queryForList("SELECT subject_id FROM idempotency_record WHERE key IN (?, ?)", UUID.class,
                extension, refusal)).containsExactly(member, member);

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM idempotency_record WHERE key IN (?, ?)", Long.class, extension, refusal))
                .isZero());
    }

    private long rowsWithPlainDigestOf(String request) {
        try {
            byte[] plain = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
            return jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE request_hash = ?", Long.class,
                    plain);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
