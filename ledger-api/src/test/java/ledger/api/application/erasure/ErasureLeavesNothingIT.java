package ledger.api.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.DatabaseScan;
import ledger.api.support.IntegrationTest;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.MemberRegistered;
import ledger.core.member.ProfileEdited;

/**
 * Crypto-shredding end to end: personal data is encrypted at rest, and after erasure no copy of it
 * remains anywhere in the database or the logs, while the audit trail stays.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureLeavesNothingIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void after_erasure_the_marker_is_nowhere_in_the_database_or_the_logs(CapturedOutput output) {
        String marker = "Mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String username = "user" + marker;
        Api.Response registered = api().header("Idempotency-Key", "reg-" + marker)
                .post("/api/v1/members", Api.registration(username, marker));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("memberId").asText());
        assertThat(api().header("Idempotency-Key", "dl-" + marker).post("/api/v1/members/" + id + "/downloads",
                "{\"documentId\":\"doc-" + marker + "\",\"title\":\"Title " + marker + "\"}").status()).isEqualTo(201);
        for (int i = 0; i < 6; i++) {
            assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"more-" + marker + "-" + i
                    + "\"}").status()).isEqualTo(201);
        }
        Api.Response edited = api().header("Idempotency-Key", "ed-" + marker).patch("/api/v1/members/" + id + "/profile",
                "{\"givenName\":\"New" + marker + "\",\"email\":\"new" + marker + "@example.org\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body()).contains("New" + marker);

        // at rest, before erasure: the event and snapshot tables hold only ciphertext
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, id.toString())).as("a snapshot was taken").isPositive();
        assertThat(DatabaseScan.find(jdbc, marker, "domain_event_entry")).isEmpty();
        assertThat(DatabaseScan.find(jdbc, marker, "snapshot_event_entry")).isEmpty();
        assertThat(DatabaseScan.find(jdbc, marker)).as("before erasure the read side holds it").isNotEmpty();

        Api.Response receipt = api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\",\"reason\":\"asked by phone\"}");
        assertThat(receipt.status()).isEqualTo(200);
        JsonNode body = receipt.json();
        assertThat(body.get("memberId").asText()).isEqualTo(id.toString());
        assertThat(body.get("keyShredded").asBoolean()).isTrue();
        assertThat(body.get("projectionsPurged").asBoolean()).isTrue();
        assertThat(body.get("erasedAt").asText()).isNotBlank();

        // nowhere: events, snapshots, tokens, idempotency records, read models, key vault...
        assertThat(DatabaseScan.tableCount(jdbc)).isGreaterThanOrEqualTo(8);
        assertThat(DatabaseScan.find(jdbc, marker)).isEmpty();
        assertThat(output.getAll()).doesNotContainIgnoringCase(marker);

        // the read model answers at once, without personal data
        JsonNode view = api().as(Api.DPM).get("/api/v1/members/" + id).json();
        assertThat(view.get("status").asText()).isEqualTo("ERASED");
        for (String field : List.of("username", "givenName", "familyName", "company", "email")) {
            assertThat(view.get(field).isNull()).as(field).isTrue();
        }

        // the audit trail stays: every event, personal fields read as the placeholder
        // (read from sequence 0: events only, not the snapshot)
        List<String> types = jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier"
                + " = ? ORDER BY sequence_number", String.class, id.toString());
        assertThat(types).hasSize(11).last().asString().endsWith("MemberErased");
        MemberRegistered first = (MemberRegistered) eventStore.readEvents(id.toString(), 0).next().getPayload();
        assertThat(first.username()).isEqualTo("[erased]");
        assertThat(first.email()).isEqualTo("[erased]");
        assertThat(((DocumentDownloaded) eventStore.readEvents(id.toString(), 2).next().getPayload()).documentId())
                .isEqualTo("[erased]");
        ProfileEdited edit = (ProfileEdited) eventStore.readEvents(id.toString(), 9).next().getPayload();
        assertThat(edit.givenName()).isEqualTo("[erased]");
        assertThat(edit.familyName()).isNull();
    }

    @Test
    void erasure_is_terminal_repeated_it_answers_the_same_receipt_and_later_commands_mint_no_key() {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        Api.Response first = api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure",
                "{\"ground\":\"RETENTION_EXPIRED\"}");
        long events = eventCount();
        Api.Response again = api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(events);

        for (Api.Response refused : List.of(
                api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"d\"}"),
                api().patch("/api/v1/members/" + id + "/profile", "{\"givenName\":\"Zombie\"}"),
                api().post("/api/v1/members/" + id + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"),
                api().post("/api/v1/members", Api.registration(Api.uniqueUsername(), "Z")
                        .replace("\"consents\"", "\"memberId\":\"" + id + "\",\"consents\"")))) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL AND shredded_at IS NOT NULL FROM data_key"
                + " WHERE subject_id = ?", Boolean.class, id)).as("tombstone, no new key").isTrue();

        // the username is free again for somebody else
        assertThat(api().post("/api/v1/members", Api.registration(username, "NEW")).status()).isEqualTo(201);
    }

    @Test
    void erasure_of_an_unknown_member_is_404_and_needs_the_dpm_role() {
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + UUID.randomUUID() + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(404);
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}").status())
                .isEqualTo(403);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"BORED\"}").status())
                .isEqualTo(400);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{}").status()).isEqualTo(400);
    }

    @Test
    void a_contact_case_is_erased_the_same_way() {
        String marker = "Cc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Api.Response opened = api().post("/api/v1/contact-cases", "{\"name\":\"Name " + marker + "\",\"email\":\""
                + marker + "@example.org\",\"message\":\"Message " + marker + "\"}");
        UUID caseId = UUID.fromString(opened.json().get("caseId").asText());
        assertThat(DatabaseScan.find(jdbc, marker)).as("encrypted at rest").isEmpty();
        String secret = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", byte[].class, caseId.toString()));
        assertThat(secret).contains("enc:v1:");

        Api.Response erased = api().as(Api.DPM).post("/api/v1/contact-cases/" + caseId + "/erasure", null);
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("keyShredded").asBoolean()).isTrue();
        assertThat(api().post("/api/v1/contact-cases/" + caseId + "/closure", null).status()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventStore.readEvents(caseId.toString()).asStream()
                .map(e -> e.getPayload().toString()).anyMatch(p -> p.contains("[erased]")));
    }
}
