package ledger.api.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Data-subject requests over HTTP (Art. 12): recorded for known members only, due a month later,
 * completed after an identity check by the member event that answered them (by itself, or linked
 * by the DPM), late answers marked, refusals naming the supervisory authority, lists by status.
 */
class DataSubjectRequestsIT extends IntegrationTest {

    private Api dpm() {
        return api().as(Api.DPM);
    }

    private String record(UUID member, String type, Instant receivedAt) {
        Api.Response response = dpm().post("/api/v1/requests", "{\"memberId\":\"" + member + "\",\"type\":\"" + type
                + "\",\"receivedAt\":\"" + receivedAt + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("requestId").asText();
    }

    private void verify(String request) {
        Api.Response response = dpm().post("/api/v1/requests/" + request + "/verification",
                "{\"method\":\"REGISTERED_EMAIL\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonNode request(String id) {
        return dpm().get("/api/v1/requests/" + id).json();
    }

    private JsonNode awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(request(id).path("status").asText()));
        return request(id);
    }

    private long issueExtract(UUID member) {
        assertThat(dpm().get("/api/v1/members/" + member + "/register-extract").status()).isEqualTo(200);
        return storedEventTypes(member).lastIndexOf("RegisterExtractIssued");
    }

    private Api.Response complete(String request, String type, long seq) {
        return dpm().post("/api/v1/requests/" + request + "/completion",
                "{\"resultingEventType\":\"" + type + "\",\"resultingEventSeq\":" + seq + "}");
    }

    private static String problem(Api.Response response) {
        return response.json().path("type").asText();
    }

    @Test
    void a_request_for_a_member_the_ledger_does_not_know_is_404_and_every_type_is_accepted() {
        Instant received = Instant.now().minus(Duration.ofDays(1));
        Api.Response unknown = dpm().post("/api/v1/requests", "{\"memberId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(problem(unknown)).isEqualTo("urn:ledger:problem:unknown-member");
        UUID contactCase = UUID.fromString(api().post("/api/v1/contact-cases",
                "{\"name\":\"A\",\"email\":\"a@example.org\",\"message\":\"hi\"}").json().get("caseId").asText());
        assertThat(dpm().post("/api/v1/requests", "{\"memberId\":\"" + contactCase
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}").status())
                .as("an id of another kind").isEqualTo(404);

        UUID member = api().register(Api.uniqueUsername());
        for (String type : List.of("ACCESS", "PORTABILITY", "RECTIFICATION", "ERASURE", "WITHDRAWAL", "RESTRICTION",
                "OBJECTION")) {
            String id = record(member, type, received);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode view = request(id);
                assertThat(view.path("type").asText()).isEqualTo(type);
                assertThat(view.path("status").asText()).isEqualTo("OPEN");
                assertThat(view.path("verified").asBoolean()).isFalse();
            });
        }
        assertThat(dpm().post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"COMPLAINT\",\"receivedAt\":\"" + received + "\"}").status()).isEqualTo(400);
    }

    @Test
    void a_request_completes_only_after_the_identity_check_with_an_answer_of_its_member_recorded_after_its_receipt() {
        UUID member = api().register(Api.uniqueUsername());
        UUID other = api().register(Api.uniqueUsername());
        long before = issueExtract(member);
        String id = record(member, "ACCESS", Instant.now());
        long otherExtract = issueExtract(other);
        api().post("/api/v1/members/" + other + "/downloads", "{\"documentId\":\"d\"}");
        long otherLater = issueExtract(other);
        assertThat(otherLater).isGreaterThan(before);

        Api.Response early = complete(id, "RegisterExtractIssued", before);
        assertThat(early.status()).isEqualTo(422);
        assertThat(problem(early)).isEqualTo("urn:ledger:problem:answer-before-receipt");

        long extract = issueExtract(member);
        Api.Response unverified = complete(id, "RegisterExtractIssued", extract);
        assertThat(unverified.status()).isEqualTo(422);
        assertThat(problem(unverified)).isEqualTo("urn:ledger:problem:identity-not-verified");
        assertThat(request(id).path("status").asText()).as("the extract before the check completed nothing")
                .isEqualTo("OPEN");

        verify(id);
        Api.Response wrongType = complete(id, "ProfileEdited", extract);
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(problem(wrongType)).isEqualTo("urn:ledger:problem:wrong-result");
        assertThat(complete(id, "RegisterExtractIssued", otherLater).status())
                .as("a sequence number only the other member has").isEqualTo(422);
        assertThat(otherExtract).isNotNegative();

        assertThat(complete(id, "RegisterExtractIssued", extract).status()).isEqualTo(204);
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(done.path("resultingEventSeq").asLong()).isEqualTo(extract);
        assertThat(done.path("late").asBoolean()).isFalse();
        assertThat(done.path("daysLate").asLong()).isZero();
        assertThat(done.at("/closedBy/role").asText()).isEqualTo("DPM");
        assertThat(Instant.parse(done.path("answeredAt").asText())).isAfter(Instant.parse(done.path("receivedAt")
                .asText()));
        Api.Response again = complete(id, "RegisterExtractIssued", extract);
        assertThat(again.status()).isEqualTo(409);
        assertThat(problem(again)).isEqualTo("urn:ledger:problem:request-completed");
    }

    @Test
    void the_answering_event_completes_the_oldest_open_request_by_itself_and_one_event_completes_one_request() {
        UUID member = api().register(Api.uniqueUsername());
        String older = record(member, "ACCESS", Instant.now().minus(Duration.ofDays(2)));
        String newer = record(member, "PORTABILITY", Instant.now().minus(Duration.ofDays(1)));
        String unverified = record(member, "ACCESS", Instant.now().minus(Duration.ofDays(3)));
        verify(older);
        verify(newer);

        long first = issueExtract(member);
        JsonNode done = awaitStatus(older, "COMPLETED");
        assertThat(done.path("resultingEventType").asText()).isEqualTo("RegisterExtractIssued");
        assertThat(done.path("resultingEventSeq").asLong()).isEqualTo(first);
        assertThat(done.at("/closedBy/role").asText()).isEqualTo("SYSTEM");
        assertThat(request(newer).path("status").asText()).isEqualTo("OPEN");
        assertThat(request(unverified).path("status").asText()).isEqualTo("OPEN");

        Api.Response used = complete(newer, "RegisterExtractIssued", first);
        assertThat(used.status()).isEqualTo(409);
        assertThat(problem(used)).isEqualTo("urn:ledger:problem:answer-used");

        long second = issueExtract(member);
        assertThat(awaitStatus(newer, "COMPLETED").path("resultingEventSeq").asLong()).isEqualTo(second);
        assertThat(request(unverified).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void an_erasure_an_edit_and_a_withdrawal_complete_the_open_requests_they_answer() {
        UUID member = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + member + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        Instant received = Instant.now().minus(Duration.ofHours(1));
        String rectification = record(member, "RECTIFICATION", received);
        String withdrawal = record(member, "WITHDRAWAL", received);
        String erasure = record(member, "ERASURE", received);
        List.of(rectification, withdrawal, erasure).forEach(this::verify);

        assertThat(api().patch("/api/v1/members/" + member + "/profile", "{\"company\":\"New Company\"}").status())
                .isEqualTo(200);
        assertThat(awaitStatus(rectification, "COMPLETED").path("resultingEventType").asText())
                .isEqualTo("ProfileEdited");
        assertThat(api().post("/api/v1/members/" + member + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isEqualTo(200);
        assertThat(awaitStatus(withdrawal, "COMPLETED").path("resultingEventType").asText())
                .isEqualTo("ConsentWithdrawn");
        assertThat(request(erasure).path("status").asText()).isEqualTo("OPEN");

        assertThat(dpm().post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}").status())
                .isEqualTo(200);
        JsonNode erased = awaitStatus(erasure, "COMPLETED");
        assertThat(erased.path("resultingEventType").asText()).isEqualTo("MemberErased");
        assertThat(erased.path("resultingEventSeq").asLong())
                .isEqualTo(storedEventTypes(member).indexOf("MemberErased"));
    }

    @Test
    void an_answer_after_the_deadline_is_marked_late_with_the_days_late() {
        UUID member = api().register(Api.uniqueUsername());
        Instant received = Instant.now().minus(Duration.ofDays(45));
        String id = record(member, "ACCESS", received);
        verify(id);
        long extract = issueExtract(member);

        JsonNode done = awaitStatus(id, "COMPLETED");
        Instant due = received.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        Instant answered = Instant.parse(done.path("answeredAt").asText());
        long expected = Duration.between(due, answered).toDays() + 1;
        assertThat(done.path("resultingEventSeq").asLong()).isEqualTo(extract);
        assertThat(done.path("late").asBoolean()).isTrue();
        assertThat(done.path("daysLate").asLong()).isEqualTo(expected).isBetween(13L, 18L);
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void a_refusal_ends_the_request_and_names_the_complaint_authority() {
        UUID member = api().register(Api.uniqueUsername());
        String id = record(member, "ERASURE", Instant.now().minus(Duration.ofDays(35)));
        Api.Response refused = dpm().post("/api/v1/requests/" + id + "/refusal",
                "{\"reason\":\"the data must be kept for the ongoing audit\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        JsonNode answer = refused.json();
        assertThat(answer.path("status").asText()).isEqualTo("REFUSED");
        assertThat(answer.at("/complaintAuthority/name").asText()).contains("Integritetsskyddsmyndigheten");
        assertThat(answer.at("/complaintAuthority/website").asText()).isEqualTo("https://www.imy.se");
        assertThat(answer.path("judicialRemedy").asText()).contains("court");
        assertThat(answer.path("late").asBoolean()).isTrue();
        assertThat(answer.path("daysLate").asLong()).isBetween(4L, 8L);
        assertThat(refused.body()).doesNotContain("ongoing audit");

        JsonNode view = awaitStatus(id, "REFUSED");
        assertThat(view.path("refusedAt").isNull()).isFalse();
        Api.Response again = dpm().post("/api/v1/requests/" + id + "/refusal", "{\"reason\":\"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(problem(again)).isEqualTo("urn:ledger:problem:request-refused");
        verifyRefused(id);
        assertThat(dpm().post("/api/v1/requests/" + id + "/refusal", "{}").status()).isEqualTo(400);
        assertThat(dpm().post("/api/v1/requests/" + UUID.randomUUID() + "/refusal", "{\"reason\":\"x\"}").status())
                .isEqualTo(404);
    }

    private void verifyRefused(String id) {
        Api.Response verification = dpm().post("/api/v1/requests/" + id + "/verification",
                "{\"method\":\"IN_PERSON\"}");
        assertThat(verification.status()).isEqualTo(409);
        assertThat(dpm().post("/api/v1/requests/" + id + "/verification", "{\"method\":\"SELFIE\"}").status())
                .isEqualTo(400);
    }

    @Test
    void requests_are_listed_by_status_and_the_overdue_ones_counted_in_a_metric() {
        UUID member = api().register(Api.uniqueUsername());
        String overdue = record(member, "ACCESS", Instant.now().minus(Duration.ofDays(40)));
        String dueSoon = record(member, "ACCESS", Instant.now().minus(Duration.ofDays(26)));
        String fresh = record(member, "RECTIFICATION", Instant.now().minus(Duration.ofDays(1)));
        String refused = record(member, "OBJECTION", Instant.now().minus(Duration.ofDays(1)));
        String completed = record(member, "WITHDRAWAL", Instant.now().minus(Duration.ofDays(1)));
        dpm().post("/api/v1/requests/" + refused + "/refusal", "{\"reason\":\"unfounded\"}");
        verify(completed);
        api().post("/api/v1/members/" + member + "/consents/withdrawals", "{\"purposes\":[\"portal-membership\"]}");
        awaitStatus(completed, "COMPLETED");
        awaitStatus(refused, "REFUSED");

        assertThat(ids("open")).contains(overdue, dueSoon, fresh).doesNotContain(refused, completed);
        assertThat(ids("due-soon")).contains(dueSoon).doesNotContain(overdue, fresh, refused, completed);
        assertThat(ids("overdue")).contains(overdue).doesNotContain(dueSoon, fresh, refused, completed);
        assertThat(ids("completed")).contains(completed).doesNotContain(overdue, refused);
        assertThat(ids("refused")).contains(refused).doesNotContain(completed, overdue);
        assertThat(request(overdue).path("status").asText()).isEqualTo("OVERDUE");
        Api.Response nonsense = dpm().get("/api/v1/requests?status=nonsense");
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.body()).contains("due-soon").doesNotContain("nonsense");

        String metrics = api().as(Api.ADMIN).get("/actuator/prometheus").body();
        String line = metrics.lines().filter(l -> l.startsWith("ledger_requests_overdue ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(line.substring(line.indexOf(' ') + 1))).isGreaterThanOrEqualTo(1);
    }

    private List<String> ids(String status) {
        Api.Response response = dpm().get("/api/v1/requests?status=" + status + "&limit=10000");
        assertThat(response.status()).isEqualTo(200);
        return response.json().findValuesAsText("requestId");
    }

    @Test
    void a_request_is_due_a_month_later_and_extendable_once_within_the_first_month() {
        UUID member = api().register(Api.uniqueUsername());
        Instant received = Instant.now().minus(Duration.ofDays(2));
        Api.Response fresh = dpm().post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + received + "\"}");
        assertThat(Instant.parse(fresh.json().get("dueAt").asText()))
                .isEqualTo(received.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        String freshId = fresh.json().get("requestId").asText();
        String lateId = record(member, "ACCESS", Instant.now().minus(Duration.ofDays(40)));

        assertThat(dpm().post("/api/v1/requests/" + lateId + "/extension",
                "{\"memberId\":\"" + member + "\",\"months\":1,\"reason\":\"too late\"}").status()).isEqualTo(422);
        assertThat(dpm().post("/api/v1/requests/" + freshId + "/extension",
                "{\"memberId\":\"" + member + "\",\"months\":2,\"reason\":\"many documents\"}").status()).isEqualTo(200);
        assertThat(dpm().post("/api/v1/requests/" + freshId + "/extension",
                "{\"memberId\":\"" + member + "\",\"months\":1,\"reason\":\"again\"}").status()).isEqualTo(422);
        assertThat(dpm().post("/api/v1/requests/" + freshId + "/extension",
                "{\"memberId\":\"" + member + "\",\"months\":3,\"reason\":\"x\"}").status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(20)).until(() -> request(freshId).path("extended").asBoolean());
        // far in the future: refused at the boundary (400, BoundedTimeIT); within the caller's clock skew
        // of a day, yet in the future: the domain's rule (422)
        assertThat(dpm().post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"2999-01-01T00:00:00Z\"}").status()).isEqualTo(400);
        assertThat(dpm().post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"ACCESS\",\"receivedAt\":\"" + Instant.now().plusSeconds(3600) + "\"}").status())
                .isEqualTo(422);
    }

    @Test
    void the_dpm_reads_the_members_trails_rectifies_and_withdraws_on_its_behalf_and_sees_the_requests_trail() {
        UUID member = api().register(Api.uniqueUsername());
        Instant received = Instant.now().minus(Duration.ofHours(2));
        String rectification = record(member, "RECTIFICATION", received);
        String withdrawal = record(member, "WITHDRAWAL", received);
        verify(rectification);
        verify(withdrawal);
        assertThat(dpm().post("/api/v1/requests/" + rectification + "/extension", "{\"memberId\":\"" + member
                + "\",\"months\":1,\"reason\":\"the member sends documents by post\"}").status()).isEqualTo(200);

        Api.Response edited = dpm().patch("/api/v1/members/" + member + "/profile", "{\"email\":\"new@example.org\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("email").asText()).isEqualTo("new@example.org");
        Api.Response withdrawn = dpm().post("/api/v1/members/" + member + "/consents/withdrawals",
                "{\"purposes\":[\"portal-membership\"]}");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("withdrawn").get(0).asText()).isEqualTo("portal-membership");

        JsonNode history = dpm().get("/api/v1/members/" + member + "/history").json();
        JsonNode edit = null;
        for (JsonNode entry : history) {
            if (entry.path("type").asText().equals("ProfileEdited")) {
                edit = entry;
            }
        }
        assertThat(edit).isNotNull();
        assertThat(edit.at("/actor/role").asText()).isEqualTo("DPM");
        assertThat(edit.at("/details/email").asText()).isEqualTo("***");
        Api.Response consents = dpm().get("/api/v1/members/" + member + "/consent-history");
        assertThat(consents.status()).isEqualTo(200);
        JsonNode last = consents.json().get(consents.json().size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("WITHDRAWN");
        assertThat(last.at("/actor/role").asText()).isEqualTo("DPM");

        long editSeq = edit.path("seq").asLong();
        JsonNode done = awaitStatus(rectification, "COMPLETED");
        assertThat(done.path("resultingEventSeq").asLong()).isEqualTo(editSeq);
        assertThat(awaitStatus(withdrawal, "COMPLETED").path("resultingEventType").asText())
                .isEqualTo("ConsentWithdrawn");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response trail = dpm().get("/api/v1/requests/" + rectification + "/history");
            assertThat(trail.status()).isEqualTo(200);
            List<String> types = new java.util.ArrayList<>();
            trail.json().forEach(entry -> types.add(entry.path("type").asText()));
            assertThat(types).containsExactly("RequestRecorded",
                    "IdentityVerified", "RequestExtended", "RequestCompleted");
            assertThat(trail.body()).doesNotContain("documents by post");
            assertThat(trail.json().get(3).at("/actor/role").asText()).isEqualTo("SYSTEM");
            assertThat(trail.json().get(3).at("/details/resultingEventSeq").asLong()).isEqualTo(editSeq);
        });
        assertThat(dpm().get("/api/v1/requests/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/members/" + member + "/history").status()).as("PORTAL").isEqualTo(403);
    }
}
