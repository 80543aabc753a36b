package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Every instant a client sends is bounded: refused with 400 naming the parameter, never stored, never a 500. */
class BoundedTimeIT extends IntegrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z", "FUTURE"})
    void a_received_at_outside_1970_to_tomorrow_is_refused_with_400_naming_it(String receivedAt) {
        UUID member = api().register(Api.uniqueUsername());
        String value = "FUTURE".equals(receivedAt) ? Instant.now().plus(Duration.ofDays(2)).toString() : receivedAt;
        long before = eventCount();
        Api.Response response = api().as(Api.DPM).post("/api/v1/requests",
                "{\"memberId\":\"" + member + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + value + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").has("receivedAt")).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain(value);
        assertThat(eventCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/erasures", "/api/v1/audit/consents"})
    void a_query_range_outside_sane_years_is_refused_with_400_naming_the_parameter(String path) {
        String token = path.contains("audit") ? Api.AUDITOR : Api.DPM;
        for (String parameter : new String[] {"from", "to"}) {
            for (String value : new String[] {"-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z",
                    "1969-12-31T23:59:59Z", "%2B10000-01-01T00:00:00Z"}) {
                Api.Response response = api().as(token).get(path + "?" + parameter + "=" + value);
                assertThat(response.status()).as(parameter + "=" + value + ": " + response.body()).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("errors").has(parameter)).as(response.body()).isTrue();
            }
        }
        assertThat(api().as(token).get(path + "?from=1970-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").status())
                .isEqualTo(200);
    }
}
