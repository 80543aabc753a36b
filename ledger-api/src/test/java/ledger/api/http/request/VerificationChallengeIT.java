package ledger.api.http.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Verification that checks (Art. 12(6)): the DPM issues a one-time code, the portal shows it to the
 * signed-in member and passes on what they type. Before, "verification" only recorded a method name
 * and nothing checked the requester was the member. A guesser gets five tries; the code is stored
 * nowhere, only its keyed digest.
 */
class VerificationChallengeIT extends IntegrationTest {

    private Api dpm() {
        return api().as(Api.DPM);
    }

    private String request(UUID member) {
        return dpm().post("/api/v1/requests", "{\"memberId\":\"" + member + "\",\"type\":\"ACCESS\",\"receivedAt\":\""
                + Instant.now().minusSeconds(60) + "\"}").json().path("requestId").asText();
    }

    private Api.Response answer(String request, String code) {
        return api().as(Api.PORTAL).post("/api/v1/requests/" + request + "/verification", "{\"code\":\"" + code + "\"}");
    }

    private static String wrong(String code) {
        return String.format("%08d", (Integer.parseInt(code) + 1) % 100_000_000);
    }

    @Test
    void the_member_s_code_verifies_the_request_and_five_wrong_codes_lock_the_challenge() {
        UUID member = api().register(Api.uniqueUsername());
        String request = request(member);
        Api.Response issued = dpm().post("/api/v1/requests/" + request + "/verification-challenge", null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String code = issued.json().path("code").asText();
        assertThat(code).matches("[0-9]{8}");
        assertThat(Instant.parse(issued.json().path("expiresAt").asText())).isAfter(Instant.now());

        for (int attempt = 1; attempt <= 5; attempt++) {
            Api.Response refused = answer(request, wrong(code));
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().path("type").asText()).isEqualTo("urn:ledger:problem:wrong-code");
            assertThat(refused.json().path("detail").asText()).contains((5 - attempt) + " attempts left");
        }
        Api.Response locked = answer(request, code);
        assertThat(locked.status()).as("even the right code, once locked").isEqualTo(409);
        assertThat(locked.json().path("type").asText()).isEqualTo("urn:ledger:problem:challenge-locked");
        assertThat(dpm().get("/api/v1/requests/" + request).json().path("verified").asBoolean()).isFalse();

        String fresh = dpm().post("/api/v1/requests/" + request + "/verification-challenge", null).json()
                .path("code").asText();
        Api.Response verified = answer(request, fresh);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("method").asText()).isEqualTo("ONE_TIME_CODE");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = dpm().get("/api/v1/requests/" + request).json();
            assertThat(view.path("verified").asBoolean()).isTrue();
            assertThat(view.path("verificationMethod").asText()).isEqualTo("ONE_TIME_CODE");
        });

        // the codes are stored nowhere: not in the events, the trail or any table of the request
        for (String shown : new String[] {code, fresh}) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " AND position(convert_to(?, 'UTF8') in payload) > 0", Long.class, request, shown)).isZero();
            assertThat(dpm().get("/api/v1/requests/" + request + "/history").body()).doesNotContain(shown);
        }
        assertThat(dpm().get("/api/v1/requests/" + request + "/history").body())
                .contains("VerificationChallengeIssued").contains("VerificationChallengeFailed").doesNotContain("codeDigest");
    }

    @Test
    void only_the_portal_passes_on_a_code_and_only_the_dpm_issues_one_or_records_a_method() {
        UUID member = api().register(Api.uniqueUsername());
        String request = request(member);
        String code = dpm().post("/api/v1/requests/" + request + "/verification-challenge", null).json()
                .path("code").asText();
        assertThat(dpm().post("/api/v1/requests/" + request + "/verification", "{\"code\":\"" + code + "\"}").status())
                .isEqualTo(403);
        assertThat(api().as(Api.PORTAL).post("/api/v1/requests/" + request + "/verification",
                "{\"method\":\"PORTAL_LOGIN\"}").status()).isEqualTo(403);
        assertThat(api().as(Api.PORTAL).post("/api/v1/requests/" + request + "/verification-challenge", null).status())
                .isEqualTo(403);
        assertThat(answer(request, "12ab").status()).as("8 digits").isEqualTo(400);
        assertThat(dpm().post("/api/v1/requests/" + request + "/verification",
                "{\"method\":\"PORTAL_LOGIN\",\"code\":\"" + code + "\"}").status()).as("one of the two").isEqualTo(400);
        // the DPM's manual method stays, for requests by letter
        assertThat(dpm().post("/api/v1/requests/" + request + "/verification", "{\"method\":\"IDENTITY_DOCUMENT\"}")
                .status()).isEqualTo(200);
        Api.Response again = dpm().post("/api/v1/requests/" + request + "/verification-challenge", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:ledger:problem:already-verified");
    }
}
