package ledger.api.http.register;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** GDPR Art. 30: the record of processing activities over HTTP, for the DPM and auditors, JSON and HTML. */
class ProcessingActivitiesIT extends IntegrationTest {

    private static final String PATH = "/api/v1/register/processing-activities";

    @Test
    void the_dpm_and_auditors_read_the_record_as_json() {
        for (String token : new String[] {Api.DPM, Api.AUDITOR}) {
            Api.Response response = api().as(token).get(PATH);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode record = response.json();
            assertThat(record.path("schema").asText()).isEqualTo("urn:ledger:processing-activities:v1");
            assertThat(record.at("/controller/name").asText()).isEqualTo("Zesec of Sweden AB");
            assertThat(record.at("/dataProtectionManager/email").asText()).isEqualTo("info@zesec.com");
            assertThat(record.path("activities").findValuesAsText("name")).contains("Partner portal membership",
                    "Newsletter", "Contact form");
            JsonNode membership = record.path("activities").get(0);
            assertThat(membership.at("/purposes/0/legalBasis").asText()).contains("Art. 6(1)(a)");
            assertThat(membership.path("dataSubjectCategories")).isNotEmpty();
            assertThat(membership.path("personalDataCategories")).isNotEmpty();
            assertThat(membership.path("recipients")).isNotEmpty();
            assertThat(membership.path("retention").asText()).contains("3 months");
            assertThat(record.path("transfers")).isEmpty();
            assertThat(record.path("recipients").get(0).path("insideEuEea").asBoolean()).isTrue();
            assertThat(record.path("securityMeasures")).isNotEmpty();
        }
        assertThat(api().get(PATH).status()).as("PORTAL").isEqualTo(403);
    }

    @Test
    void the_record_is_a_readable_page_too() {
        Api.Response page = api().as(Api.AUDITOR).header("Accept", "text/html").get(PATH);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Record of processing activities (GDPR Art. 30)</h1>")
                .contains("Partner portal membership").contains("Security measures");
    }
}
