package ledger.api.http.restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TimeTravel;

/**
 * Restriction of processing (Art. 18), objection (Art. 21), and legal holds that restrict processing,
 * have a review date, and record a refused erasure that runs when the last hold is released.
 */
class RestrictionIT extends IntegrationTest {

    private Api dpm() {
        return api().as(Api.DPM);
    }

    private JsonNode view(UUID member) {
        return dpm().get("/api/v1/members/" + member).json();
    }

    private String verifiedRequest(UUID member, String type) {
        String id = dpm().post("/api/v1/requests", "{\"memberId\":\"" + member + "\",\"type\":\"" + type
                + "\",\"receivedAt\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"}").json().get("requestId")
                .asText();
        assertThat(dpm().post("/api/v1/requests/" + id + "/verification", "{\"method\":\"PORTAL_LOGIN\"}").status())
                .isEqualTo(200);
        return id;
    }

    private void awaitCompleted(String request, String byEvent) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = dpm().get("/api/v1/requests/" + request).json();
            assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(view.path("resultingEventType").asText()).isEqualTo(byEvent);
        });
    }

    private static void assertRestricted(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json().path("type").asText()).isEqualTo("urn:ledger:problem:processing-restricted");
    }

    @Test
    void a_restricted_member_s_data_is_kept_and_only_rectification_withdrawal_erasure_and_lifting_pass() {
        UUID member = api().register(Api.uniqueUsername());
        String request = verifiedRequest(member, "RESTRICTION");
        Api.Response restricted = dpm().post("/api/v1/members/" + member + "/restriction",
                "{\"ground\":\"ACCURACY_CONTESTED\"}");
        assertThat(restricted.status()).isEqualTo(200);
        assertThat(restricted.json().path("ground").asText()).isEqualTo("ACCURACY_CONTESTED");
        awaitCompleted(request, "ProcessingRestricted");

        assertRestricted(api().post("/api/v1/members/" + member + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"));
        assertRestricted(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"doc\"}"));
        assertThat(api().patch("/api/v1/members/" + member + "/profile", "{\"company\":\"Corrected Co\"}").status())
                .isEqualTo(200);
        JsonNode view = view(member);
        assertThat(view.path("processingRestricted").asBoolean()).isTrue();
        assertThat(view.at("/restriction/ground").asText()).isEqualTo("ACCURACY_CONTESTED");
        assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(view.path("company").asText()).isEqualTo("Corrected Co");

        assertThat(dpm().send("DELETE", "/api/v1/members/" + member + "/restriction", null, null).status())
                .isEqualTo(204);
        Api.Response again = dpm().send("DELETE", "/api/v1/members/" + member + "/restriction", null, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:ledger:problem:not-restricted");
        assertThat(api().post("/api/v1/members/" + member + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(view(member).path("processingRestricted").asBoolean()).isFalse();
        assertThat(dpm().post("/api/v1/members/" + member + "/restriction", "{\"ground\":\"WHIM\"}").status())
                .isEqualTo(400);
    }

    @Test
    void a_restricted_member_can_still_withdraw_and_be_erased() {
        UUID member = api().register(Api.uniqueUsername());
        dpm().post("/api/v1/members/" + member + "/restriction", "{\"ground\":\"UNLAWFUL_PROCESSING\"}");
        assertThat(api().post("/api/v1/members/" + member + "/consents/withdrawals",
                "{\"purposes\":[\"portal-membership\"]}").status()).isEqualTo(200);
        assertThat(dpm().post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}").status())
                .isEqualTo(200);
    }

    @Test
    void an_objection_ends_processing_for_its_purpose_and_answers_the_objection_request() {
        UUID member = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + member + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        String request = verifiedRequest(member, "OBJECTION");

        Api.Response objected = dpm().post("/api/v1/members/" + member + "/objections", "{\"purpose\":\"newsletter\"}");
        assertThat(objected.status()).isEqualTo(200);
        assertThat(objected.json().path("withdrawn").get(0).asText()).isEqualTo("newsletter");
        awaitCompleted(request, "ObjectionRecorded");
        JsonNode view = view(member);
        assertThat(view.at("/consents/newsletter/granted").asBoolean()).isFalse();
        assertThat(view.at("/objections/0/purpose").asText()).isEqualTo("newsletter");
        JsonNode consents = dpm().get("/api/v1/members/" + member + "/consent-history").json();
        assertThat(consents.get(consents.size() - 1).path("type").asText()).isEqualTo("WITHDRAWN");
        assertThat(consents.get(consents.size() - 1).at("/actor/role").asText()).isEqualTo("DPM");
        assertThat(dpm().post("/api/v1/members/" + member + "/objections", "{\"purpose\":\"newsletter\"}").json()
                .path("withdrawn")).as("recorded once").isEmpty();
        assertThat(dpm().post("/api/v1/members/" + member + "/objections", "{\"purpose\":\"profiling\"}").status())
                .isEqualTo(400);
    }

    @Test
    void an_access_request_is_answered_under_a_restriction_and_under_a_legal_hold_and_the_read_is_recorded() {
        UUID restrictedMember = api().register(Api.uniqueUsername());
        String access = verifiedRequest(restrictedMember, "ACCESS");
        assertThat(dpm().post("/api/v1/members/" + restrictedMember + "/restriction",
                "{\"ground\":\"ACCURACY_CONTESTED\"}").status()).isEqualTo(200);
        Api.Response extract = api().header("X-Purpose", "art15-request")
                .get("/api/v1/members/" + restrictedMember + "/register-extract");
        assertThat(extract.status()).as(extract.body()).isEqualTo(200);
        assertThat(extract.body()).contains(restrictedMember.toString());
        awaitCompleted(access, "RegisterExtractIssued");
        assertThat(storedEventTypes(restrictedMember)).contains("ProcessingRestricted", "RegisterExtractIssued");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                dpm().get("/api/v1/members/" + restrictedMember + "/accesses").body()).contains("register-extract"));
        assertRestricted(api().post("/api/v1/members/" + restrictedMember + "/downloads", "{\"documentId\":\"d\"}"));

        UUID heldMember = api().register(Api.uniqueUsername());
        String portability = verifiedRequest(heldMember, "PORTABILITY");
        assertThat(dpm().post("/api/v1/members/" + heldMember + "/legal-holds",
                "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"pending dispute\"}").status()).isEqualTo(201);
        assertThat(dpm().get("/api/v1/members/" + heldMember + "/register-extract").status()).isEqualTo(200);
        awaitCompleted(portability, "RegisterExtractIssued");
        assertRestricted(api().post("/api/v1/members/" + heldMember + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"));
    }

    @Test
    void a_legal_hold_restricts_processing_has_a_review_date_and_a_refused_erasure_runs_on_the_last_release() {
        UUID member = api().register(Api.uniqueUsername());
        String request = verifiedRequest(member, "ERASURE");
        Api.Response first = dpm().post("/api/v1/members/" + member + "/legal-holds",
                "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"pending dispute\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(LocalDate.parse(first.json().path("reviewBy").asText()))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusYears(1));
        Api.Response second = dpm().post("/api/v1/members/" + member + "/legal-holds",
                "{\"ground\":\"LEGAL_OBLIGATION\",\"reason\":\"tax audit\",\"reviewBy\":\"2031-06-30\"}");
        assertThat(second.json().path("reviewBy").asText()).isEqualTo("2031-06-30");
        Api.Response past = dpm().post("/api/v1/members/" + member + "/legal-holds",
                "{\"ground\":\"SECURITY\",\"reason\":\"x\",\"reviewBy\":\"2020-01-01\"}");
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().path("type").asText()).isEqualTo("urn:ledger:problem:review-date-passed");
        assertThat(dpm().post("/api/v1/members/" + member + "/legal-holds",
                "{\"ground\":\"SECURITY\",\"reason\":\"x\",\"reviewBy\":\"+10000-01-01\"}").status())
                .as("four-digit years only").isEqualTo(400);

        assertRestricted(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"doc\"}"));
        JsonNode view = view(member);
        assertThat(view.path("processingRestricted").asBoolean()).isTrue();
        assertThat(view.path("legalHolds")).hasSize(2);
        assertThat(view.path("legalHolds").findValuesAsText("reviewBy")).contains("2031-06-30");

        Api.Response erasure = dpm().post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}");
        assertThat(erasure.status()).isEqualTo(409);
        assertThat(erasure.json().path("type").asText()).isEqualTo("urn:ledger:problem:legal-hold");
        assertThat(erasure.json().path("erasureDeferred").asBoolean()).isTrue();
        assertThat(erasure.json().path("holds")).hasSize(2);
        assertThat(storedEventTypes(member)).endsWith("ErasureDeferred");

        String firstHold = first.json().path("holdId").asText();
        String secondHold = second.json().path("holdId").asText();
        assertThat(dpm().send("DELETE", "/api/v1/members/" + member + "/legal-holds/" + firstHold, null, null)
                .status()).isEqualTo(204);
        assertThat(storedEventTypes(member)).endsWith("LegalHoldReleased").doesNotContain("ErasureDue");
        assertThat(dpm().send("DELETE", "/api/v1/members/" + member + "/legal-holds/" + secondHold, null, null)
                .status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes(member).contains("MemberErased"));
        assertThat(storedEventTypes(member)).endsWith("LegalHoldReleased", "ErasureDue", "MemberErased");
        awaitCompleted(request, "MemberErased");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode receipts = dpm().get("/api/v1/erasures").json();
            JsonNode mine = null;
            for (JsonNode receipt : receipts) {
                if (receipt.path("subjectId").asText().equals(member.toString())) {
                    mine = receipt;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("ground").asText()).as("the DPM's ground, not retention").isEqualTo("MEMBER_REQUEST");
        });
    }

    @Test
    void while_restricted_the_retention_erasure_waits_and_runs_when_the_restriction_is_lifted() {
        UUID member = TimeTravel.back(Duration.ofDays(93), () -> {
            UUID id = api().register(Api.uniqueUsername());
            assertThat(dpm().post("/api/v1/members/" + id + "/restriction", "{\"ground\":\"LEGAL_CLAIMS\"}").status())
                    .isEqualTo(200);
            assertThat(api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"CEASED_PARTNER\"}")
                    .status()).isEqualTo(200);
            return id;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes(member).contains("ErasureDeferred"));
        assertThat(storedEventTypes(member)).doesNotContain("MemberErased");

        assertThat(dpm().send("DELETE", "/api/v1/members/" + member + "/restriction", null, null).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEventTypes(member).contains("MemberErased"));
        assertThat(storedEventTypes(member)).endsWith("RestrictionLifted", "ErasureDue", "MemberErased");
    }
}
