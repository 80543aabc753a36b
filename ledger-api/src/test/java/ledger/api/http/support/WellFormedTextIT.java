package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/**
 * One rule for every text field: U+0000 (PostgreSQL refuses it: a 500 before) and a lone surrogate
 * (the driver wrote it as '?', changing a legal text before its hash) are 400 naming the field,
 * and nothing is stored.
 */
class WellFormedTextIT extends IntegrationTest {

    /** JSON escapes, so the body itself is valid JSON: the text it decodes to is what is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800x", "x\\udc00", "\\ud800"})
    void a_notice_text_with_nul_or_a_lone_surrogate_is_400_naming_the_field_and_nothing_is_stored(String bad) {
        String version = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        long events = eventCount();

        Api.Response response = api().as(Api.DPM).post("/api/v1/notices",
                Notices.body(version, "Notice " + bad + " text", Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").has("text")).as(response.body()).isTrue();
        assertThat(api().as(Api.DPM).get("/api/v1/notices/" + version).status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800x"})
    void a_name_with_nul_or_a_lone_surrogate_is_400_naming_the_field_and_nothing_is_stored(String bad) {
        long events = eventCount();
        String body = Api.registration(Api.uniqueUsername(), "W").replace("\"GivenW\"", "\"Given" + bad + "\"");

        Api.Response response = api().post("/api/v1/members", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("errors").has("givenName")).as(response.body()).isTrue();
        assertThat(eventCount()).isEqualTo(events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\ud800"})
    void a_nested_field_is_named_by_its_path(String bad) {
        String body = Api.registration(Api.uniqueUsername(), "N").replace("\"portal-membership\"",
                "\"portal-membership" + bad + "\"");

        Api.Response response = api().post("/api/v1/members", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("errors").has("consents[0].purpose")).as(response.body()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "a%00b"})
    void a_query_parameter_with_nul_is_400_naming_it(String bad) {
        Api.Response response = api().as(Api.AUDITOR).get("/api/v1/audit/reconsent?notice=" + bad);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("errors").has("notice")).as(response.body()).isTrue();
    }
}
