package ledger.api.http.contactcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

class ContactCaseIT extends IntegrationTest {

    @Test
    void a_contact_case_is_opened_with_its_erasure_date_and_closed() {
        Instant before = Instant.now();
        Api.Response opened = api().post("/api/v1/contact-cases",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\",\"message\":\"Call me\"}");
        assertThat(opened.status()).isEqualTo(201);
        UUID caseId = UUID.fromString(opened.json().get("caseId").asText());
        Instant due = Instant.parse(opened.json().get("erasureDueAt").asText());
        assertThat(due).isAfter(before.plus(Duration.ofDays(3 * 365 - 1)))
                .isBefore(before.plus(Duration.ofDays(3 * 366 + 1)));
        assertThat(storedEventTypes(caseId)).containsExactly("ContactCaseOpened");

        assertThat(api().post("/api/v1/contact-cases/" + caseId + "/closure", null).status()).isEqualTo(200);
        assertThat(api().post("/api/v1/contact-cases/" + caseId + "/closure", null).status()).isEqualTo(200);
        assertThat(storedEventTypes(caseId)).containsExactly("ContactCaseOpened", "ContactCaseClosed");
    }

    @Test
    void a_contact_case_without_an_email_is_400_and_an_unknown_case_404() {
        long before = eventCount();
        assertThat(api().post("/api/v1/contact-cases", "{\"name\":\"G\",\"message\":\"m\"}").status()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(api().post("/api/v1/contact-cases/" + UUID.randomUUID() + "/closure", null).status())
                .isEqualTo(404);
    }
}
