package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;

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

    private int register(JWTClaimsSet claims) {
        return api().as(TestJwt.signed(claims)).post("/api/v1/members",
                Api.registration(Api.uniqueUsername(), "JX")).status();
    }

    @Test
    void a_jwt_without_exp_is_401_and_records_nothing() {
        long before = eventCount();
        assertThat(register(TestJwt.claims("no-exp", List.of("PORTAL")).expirationTime(null).build())).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_jwt_without_sub_is_401_and_never_recorded_as_jwt_null() {
        long before = eventCount();
        assertThat(register(TestJwt.claims(null, List.of("PORTAL")).build())).isEqualTo(401);
        assertThat(register(TestJwt.claims("", List.of("PORTAL")).build())).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_jwt_living_longer_than_the_configured_hour_is_401() {
        Instant now = Instant.now();
        assertThat(register(TestJwt.claims("long-lived", List.of("PORTAL"))
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(7200))).build()))
                .isEqualTo(401);
        assertThat(register(TestJwt.claims("long-lived", List.of("PORTAL")).issueTime(null)
                .expirationTime(Date.from(now.plusSeconds(7200))).build())).isEqualTo(401);
        assertThat(register(TestJwt.claims("fifty-nine-minutes", List.of("PORTAL"))
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(3500))).build()))
                .isEqualTo(201);
    }

    @Test
    void roles_match_only_in_ascii_so_a_dotless_i_is_no_admin_and_a_long_s_no_dpm() {
        assertThat(api().as(TestJwt.valid("ops-tool", "adm\u0131n")).get("/api/v1/admin/read-models").status())
                .isEqualTo(403);
        assertThat(api().as(TestJwt.valid("ops-tool", "admin")).get("/api/v1/admin/read-models").status())
                .isEqualTo(200);
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().as(TestJwt.valid("dpm-tool", "dpm\u200b")).get("/api/v1/members/" + id).status())
                .isEqualTo(403);
        assertThat(api().as(TestJwt.valid("portal", "\u017fomething", "PORTAL\u0307")).post("/api/v1/members",
                Api.registration(Api.uniqueUsername(), "J8")).status()).isEqualTo(403);
    }

    @Test
    void a_sub_with_control_characters_a_formula_or_more_than_255_characters_is_401_and_never_recorded() {
        long before = eventCount();
        for (String sub : List.of("evil\r\nprincipal=forged", "tab\there", "=cmd|' /C calc'!A0", "+1+cmd|x",
                "@SUM(1)", "-2+3", "x".repeat(256), "bidi\u202eevil", "zero\u200bwidth", " leading-space")) {
            assertThat(register(TestJwt.claims(sub, List.of("PORTAL")).build())).as(sub).isEqualTo(401);
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(register(TestJwt.claims("x".repeat(255), List.of("PORTAL")).build())).isEqualTo(201);
        assertThat(register(TestJwt.claims("service-account:portal@tenant.example", List.of("PORTAL")).build()))
                .isEqualTo(201);
    }

    @Test
    void the_longest_allowed_subject_fits_every_trail_and_read_model_it_is_recorded_in() {
        String principal = "jwt:" + "y".repeat(255);
        Api.Response registered = api().as(TestJwt.signed(TestJwt.claims("y".repeat(255), List.of("PORTAL")).build()))
                .header("Idempotency-Key", "long-sub-" + UUID.randomUUID())
                .post("/api/v1/members", Api.registration(Api.uniqueUsername(), "JL"));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("memberId").asText());
        // projected, not stuck: a principal too wide for a column would fail the batch on every retry
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("SELECT actor_principal FROM member_history WHERE member_id = ?",
                    String.class, id)).contains(principal);
            assertThat(jdbc.queryForList("SELECT actor_principal FROM consent_history WHERE member_id = ?",
                    String.class, id)).contains(principal);
        });
    }
}
