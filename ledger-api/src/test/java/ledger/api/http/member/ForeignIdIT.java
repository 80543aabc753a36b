package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** The id of a contact case is no member: 404 on member endpoints and 409 on registration, at once. */
class ForeignIdIT extends IntegrationTest {

    private UUID caseId;

    @BeforeEach
    void aContactCase() {
        Api.Response opened = api().post("/api/v1/contact-cases",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\",\"message\":\"Call me\"}");
        assertThat(opened.status()).isEqualTo(201);
        caseId = UUID.fromString(opened.json().get("caseId").asText());
    }

    @Test
    void every_member_endpoint_answers_404_at_once_for_a_contact_case_id_and_stores_nothing() {
        String member = "/api/v1/members/" + caseId;
        List<String> before = storedEventTypes(caseId);
        assertFast404(() -> api().get(member));
        assertFast404(() -> api().get(member + "/register-extract"));
        assertFast404(() -> api().as(Api.AUDITOR).get(member + "/history"));
        assertFast404(() -> api().post(member + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"));
        assertFast404(() -> api().post(member + "/consents/withdrawals", "{\"all\":true}"));
        assertFast404(() -> api().post(member + "/downloads", "{\"documentId\":\"d\"}"));
        assertFast404(() -> api().patch(member + "/profile", "{\"givenName\":\"A\"}"));
        assertFast404(() -> api().post(member + "/membership-end", "{\"reason\":\"MISUSE\"}"));
        assertFast404(() -> api().as(Api.DPM).post(member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}"));
        assertFast404(() -> api().as(Api.DPM).post(member + "/legal-holds", "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"pending dispute\"}"));
        assertThat(storedEventTypes(caseId)).isEqualTo(before);
    }

    @Test
    void registering_a_member_under_a_contact_case_id_is_409_and_the_case_stays_intact() {
        List<String> before = storedEventTypes(caseId);
        String body = Api.registration(Api.uniqueUsername(), "F")
                .replace("\"consents\"", "\"memberId\":\"" + caseId + "\",\"consents\"");
        Api.Response response = api().post("/api/v1/members", body);
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(storedEventTypes(caseId)).isEqualTo(before);
        assertThat(api().post("/api/v1/contact-cases/" + caseId + "/closure", null).status()).isLessThan(300);
    }

    private static void assertFast404(Supplier<Api.Response> call) {
        long start = System.nanoTime();
        Api.Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
}
