package ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TestJwt;

/** OAuth2/JWT callers: roles from the claim; anything not exactly right is refused. */
class JwtIT extends IntegrationTest {

    @Test
    void a_valid_jwt_with_the_role_is_accepted_and_names_the_caller_on_the_event() {
        Api.Response response = api().as(TestJwt.valid("portal-backend-7", "PORTAL"))
                .post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J1"));
        assertThat(response.status()).isEqualTo(201);
        UUID id = UUID.fromString(response.json().get("memberId").asText());
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id.toString());
        assertThat(payload).contains("\"principal\":\"jwt:portal-backend-7\"", "\"role\":\"PORTAL\"");
    }

    @Test
    void roles_may_come_as_a_string_in_any_case() {
        String token = TestJwt.token("dpm-tool", List.of("dpm"), TEST_JWT_ISSUER, Instant.now().plusSeconds(60),
                TEST_JWT_SECRET);
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().as(token).get("/api/v1/members/" + id).status()).isEqualTo(200);
    }

    @Test
    void a_jwt_from_another_issuer_is_401() {
        String token = TestJwt.token("x", List.of("PORTAL"), "https://evil.test", Instant.now().plusSeconds(60),
                TEST_JWT_SECRET);
        assertThat(api().as(token).post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J2")).status())
                .isEqualTo(401);
    }

    @Test
    void an_expired_jwt_is_401() {
        String token = TestJwt.token("x", List.of("PORTAL"), TEST_JWT_ISSUER, Instant.now().minusSeconds(600),
                TEST_JWT_SECRET);
        Api.Response response = api().as(token).post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J3"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_jwt_with_a_wrong_signature_is_401() {
        String token = TestJwt.token("x", List.of("PORTAL"), TEST_JWT_ISSUER, Instant.now().plusSeconds(60),
                "another-secret-of-at-least-thirty-two-bytes!");
        assertThat(api().as(token).post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J4")).status())
                .isEqualTo(401);
        assertThat(api().as("not.a.jwt").post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J5"))
                .status()).isEqualTo(401);
    }

    @Test
    void a_jwt_without_the_role_is_403() {
        long before = eventCount();
        Api.Response response = api().as(TestJwt.valid("auditor-tool", "AUDITOR"))
                .post("/api/v1/members", Api.registration(Api.uniqueUsername(), "J6"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api().as(TestJwt.valid("nobody")).post("/api/v1/members",
                Api.registration(Api.uniqueUsername(), "J7")).status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(before);
    }
}
