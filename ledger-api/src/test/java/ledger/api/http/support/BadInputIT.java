package ledger.api.http.support;

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
                Arguments.of("no consents", valid.replace("{\"purpose\":\"portal-membership\",\"policyVersion\":\"2019-01-05\"}",
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

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).as(response.body()).isEqualTo("urn:ledger:problem:" + code);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    @Test
    void a_path_id_that_is_no_uuid_is_400_naming_the_parameter_and_never_echoing_the_value() {
        Api.Response read = api().get("/api/v1/members/ada.lovelace@example.org");
        assertProblem(read, 400, "invalid-parameter");
        assertThat(read.json().get("errors").has("memberId")).as(read.body()).isTrue();
        assertThat(read.body()).doesNotContain("ada.lovelace").doesNotContain("example.org");
        Api.Response command = api().post("/api/v1/members/grace.hopper-zq/downloads", "{\"documentId\":\"d\"}");
        assertProblem(command, 400, "invalid-parameter");
        assertThat(command.body()).doesNotContain("grace.hopper-zq");
    }

    @Test
    void not_acceptable_and_unsupported_media_types_are_problems_with_a_ledger_type_that_echo_nothing() {
        Api.Response notAcceptable = api().header("Accept", "image/x-marker-zq")
                .get("/api/v1/members/" + member);
        assertProblem(notAcceptable, 406, "not-acceptable");
        assertThat(notAcceptable.body()).doesNotContain("marker-zq");
        Api.Response unsupported = api().send("POST", "/api/v1/members", "hello", "text/x-marker-zq");
        assertProblem(unsupported, 415, "unsupported-media-type");
        assertThat(unsupported.body()).doesNotContain("marker-zq");
    }

    @Test
    void an_unknown_enum_value_is_400_naming_the_field_and_the_allowed_values_without_echoing_it() {
        long before = eventCount();
        Api.Response reason = api().post("/api/v1/members/" + member + "/membership-end", "{\"reason\":\"BOREDZQ\"}");
        assertProblem(reason, 400, "invalid-field");
        assertThat(reason.json().get("errors").get("reason").asText())
                .contains("CEASED_PARTNER", "MEMBER_REQUEST", "MISUSE");
        assertThat(reason.body()).doesNotContain("BOREDZQ");
        Api.Response ground = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"BOREDZQ\"}");
        assertProblem(ground, 400, "invalid-field");
        assertThat(ground.json().get("errors").has("ground")).as(ground.body()).isTrue();
        assertThat(ground.json().get("errors").get("ground").asText()).contains("MEMBER_REQUEST");
        assertThat(ground.body()).doesNotContain("BOREDZQ");
        Api.Response nested = api().post("/api/v1/members", Api.registration(Api.uniqueUsername(), "E")
                .replace("\"policyVersion\"", "\"channel\":{\"x\":1},\"policyVersion\""));
        assertThat(nested.status()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }

    /** What the servlet container refuses before the application sees it is a problem as well. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "GET /api/v1/members/zq|marker HTTP/1.1",
            "GET /api/v1/members/zq%marker HTTP/1.1",
            "GET /api/v1/members/zq;marker=1/../x HTTP/1.1",
            "GET /api/v1/members//zqmarker HTTP/1.1",
            "GET /api/v1/members/zq%2Fmarker HTTP/1.1"})
    void a_request_the_container_refuses_is_a_problem_that_echoes_nothing(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer "
                    + Api.PORTAL + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase();
            assertThat(answer).as(answer).startsWith("HTTP/1.1 4");
            assertThat(head).as(answer).contains("content-type: application/problem+json");
            assertThat(answer).as(answer).contains("\"type\":\"urn:ledger:problem:")
                    .doesNotContain("marker").doesNotContain("<html");
        }
    }
}
