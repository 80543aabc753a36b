package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Probes, headers and text: HEAD on health without a token, bidi controls refused in text fields. */
class HardeningIT extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void head_on_a_health_endpoint_is_200_without_a_token(String path) {
        Api.Response head = api().as(null).send("HEAD", path, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202E", "202D", "202A", "2066", "2067", "2068", "2069", "200F", "061C"})
    void a_bidi_control_in_a_text_field_is_refused_with_400_naming_the_field(String codePoint) {
        String bidi = "\\u" + codePoint;
        long before = eventCount();
        String registration = Api.registration(Api.uniqueUsername(), "B").replace("GivenB", "Giv" + bidi + "en");
        Api.Response member = api().post("/api/v1/members", registration);
        assertThat(member.status()).as(member.body()).isEqualTo(400);
        assertThat(member.json().get("errors").has("givenName")).as(member.body()).isTrue();
        Api.Response contact = api().post("/api/v1/contact-cases",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\",\"message\":\"Call " + bidi + "me\\nplease\"}");
        assertThat(contact.status()).as(contact.body()).isEqualTo(400);
        assertThat(contact.json().get("errors").has("message")).as(contact.body()).isTrue();
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /api/v1/members/a{b} HTTP/1.1", "GET /api/v1/members/%zz HTTP/1.1",
            "GET /api/v1/members/a%00b HTTP/1.1"})
    void the_containers_own_error_answers_carry_the_security_headers(String requestLine) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).as(answer).startsWith("http/1.1 400");
            assertThat(head).as(answer).contains("x-content-type-options: nosniff")
                    .contains("content-security-policy: default-src 'none'")
                    .contains("x-frame-options: deny").contains("referrer-policy: no-referrer")
                    .containsPattern("cache-control: [^\\r\\n]*no-store");
        }
    }

    @Test
    void a_multi_line_contact_message_without_bidi_controls_is_still_accepted() {
        Api.Response contact = api().post("/api/v1/contact-cases",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\",\"message\":\"Call me\\nplease\"}");
        assertThat(contact.status()).isEqualTo(201);
        assertThat(UUID.fromString(contact.json().get("caseId").asText())).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void a_database_error_never_carries_the_rows_values_in_its_text() {
        String marker = "secret-" + java.util.UUID.randomUUID();
        String table = "error_text_probe_" + marker.substring(marker.length() - 12);
        jdbc.execute("CREATE TABLE " + table + " (v text PRIMARY KEY)");
        try {
            jdbc.update("INSERT INTO " + table + " VALUES (?)", marker);
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                    () -> jdbc.update("INSERT INTO " + table + " VALUES (?)", marker));
            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                // PostgreSQL's detail "Key (v)=(...) already exists" would quote it; it is left out
                assertThat(String.valueOf(t.getMessage())).doesNotContain(marker);
            }
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
