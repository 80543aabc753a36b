package ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Every kind of bad input gets its documented status as problem+json, and stores nothing. */
class BadInputIT extends IntegrationTest {

    private UUID member;

    @BeforeEach
    void aMember() {
        member = api().register(Api.uniqueUsername());
    }

    static Stream<Arguments> badRegistrations() {
        String valid = Api.registration("someone_new", "Z");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"username\":", 400, null),
                Arguments.of("trailing data", valid.strip() + " {}", 400, null),
                Arguments.of("unknown field", valid.replace("\"consents\"", "\"isAdmin\":true,\"consents\""), 400, null),
                Arguments.of("duplicate key", valid.replace("\"consents\"", "\"username\":\"x2345\",\"consents\""), 400,
                        null),
                Arguments.of("missing email", valid.replace("\"email\":\"mailZ@example.org\",", ""), 400, "email"),
                Arguments.of("bad email", valid.replace("mailZ@example.org", "not-an-email"), 400, "email"),
                Arguments.of("number for a string", valid.replace("\"GivenZ\"", "42"), 400, null),
                Arguments.of("too long name", valid.replace("GivenZ", "G".repeat(101)), 400, "givenName"),
                Arguments.of("control character", valid.replace("GivenZ", "Giv\\u0000en"), 400, "givenName"),
                Arguments.of("bad username", valid.replace("someone_new", "a b"), 400, "username"),
                Arguments.of("no consents", valid.replace("{\"purpose\":\"portal-membership\",\"policyVersion\":\"2024-05\"}",
                        ""), 400, "consents"),
                Arguments.of("unknown purpose", valid.replace("portal-membership", "profiling"), 400, "purpose"),
                Arguments.of("no membership consent", valid.replace("portal-membership", "newsletter"), 422, null),
                Arguments.of("not an object", "[]", 400, null),
                Arguments.of("bad member id", valid.replace("\"consents\"", "\"memberId\":\"nope\",\"consents\""), 400,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistrations")
    void a_bad_registration_is_refused_with_a_problem_and_stores_nothing(String what, String body, int status,
                                                                         String field) {
        long before = eventCount();
        Api.Response response = api().post("/api/v1/members", body);
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asText()).startsWith("urn:ledger:problem:");
        assertThat(response.json().get("title").asText()).isNotBlank();
        if (field != null) {
            assertThat(response.json().get("errors").has(field)).as(response.body()).isTrue();
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at ledger.").doesNotContain("mailZ");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_body_over_the_limit_is_413() {
        long before = eventCount();
        String huge = "{\"documentId\":\"" + "x".repeat(70_000) + "\"}";
        Api.Response response = api().post("/api/v1/members/" + member + "/downloads", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_wrong_media_type_is_415() {
        Api.Response response = api().send("POST", "/api/v1/members/" + member + "/downloads",
                "documentId=doc", "application/x-www-form-urlencoded");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Api.Response text = api().send("POST", "/api/v1/members", "hello", "text/plain");
        assertThat(text.status()).isEqualTo(415);
    }

    @Test
    void a_malformed_member_id_in_the_path_is_400() {
        Api.Response response = api().post("/api/v1/members/not-a-uuid/downloads", "{\"documentId\":\"d\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_withdrawal_needs_either_purposes_or_all() {
        assertThat(api().post("/api/v1/members/" + member + "/consents/withdrawals", "{}").status()).isEqualTo(400);
        assertThat(api().post("/api/v1/members/" + member + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"],\"all\":true}").status()).isEqualTo(400);
        assertThat(api().post("/api/v1/members/" + member + "/consents/withdrawals",
                "{\"purposes\":[\"nonsense\"]}").status()).isEqualTo(400);
    }

    @Test
    void an_unknown_end_reason_is_400() {
        long before = eventCount();
        assertThat(api().post("/api/v1/members/" + member + "/membership-end", "{\"reason\":\"BORED\"}").status())
                .isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_request_without_a_valid_token_is_401_and_with_the_wrong_role_403() {
        Api.Response none = api().as(null).post("/api/v1/members", Api.registration(Api.uniqueUsername(), "Q"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(api().as("wrong-token-123456").get("/api/v1/members/" + member).status()).isEqualTo(401);
        assertThat(api().as(null).header("Authorization", "Basic YTpi").get("/api/v1/members/" + member).status())
                .isEqualTo(401);
        Api.Response auditor = api().as(Api.AUDITOR).post("/api/v1/members",
                Api.registration(Api.uniqueUsername(), "Q"));
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.contentType()).startsWith("application/problem+json");
        assertThat(api().as(Api.AUDITOR).get("/api/v1/members/" + member).status()).isEqualTo(403);
        assertThat(api().as(Api.DPM).get("/api/v1/members/" + member).status()).isEqualTo(200);
    }
}
