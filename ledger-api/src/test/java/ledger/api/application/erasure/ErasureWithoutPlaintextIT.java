package ledger.api.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Shredding needs no plaintext: once a subject's data key cannot be unwrapped (here its vault row
 * is damaged; a wrong or missing master key looks the same to the serializer), nothing can read the
 * subject's data, yet erasure still records its event and shreds the key.
 */
class ErasureWithoutPlaintextIT extends IntegrationTest {

    private void damageDataKey(UUID subject) {
        byte[] wrapped = jdbc.queryForObject("SELECT wrapped_key FROM data_key WHERE subject_id = ?", byte[].class,
                subject);
        wrapped[wrapped.length - 1] ^= 1;
        jdbc.update("UPDATE data_key SET wrapped_key = ? WHERE subject_id = ?", wrapped, subject);
    }

    private boolean shredded(UUID subject) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT wrapped_key IS NULL AND kek_id IS NULL"
                + " AND shredded_at IS NOT NULL FROM data_key WHERE subject_id = ?", Boolean.class, subject));
    }

    @Test
    void a_member_whose_data_key_cannot_be_unwrapped_is_still_erased_from_events_and_snapshot() {
        UUID id = api().register(Api.uniqueUsername());
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"doc-" + i + "\"}")
                    .status()).isEqualTo(201);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Integer.class, id.toString())).as("the erasure also reads a snapshot").isPositive();
        damageDataKey(id);
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"after\"}").status())
                .as("a command that reads the member fails closed").isGreaterThanOrEqualTo(400);

        Api.Response erased = api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("memberId").asText()).isEqualTo(id.toString());
        assertThat(storedEventTypes(id)).last().isEqualTo("MemberErased");
        assertThat(shredded(id)).isTrue();
    }

    @Test
    void a_contact_case_whose_data_key_cannot_be_unwrapped_is_still_erased() {
        Api.Response opened = api().post("/api/v1/contact-cases",
                "{\"name\":\"Grace\",\"email\":\"grace@example.org\",\"message\":\"Call me\"}");
        assertThat(opened.status()).isEqualTo(201);
        UUID caseId = UUID.fromString(opened.json().get("caseId").asText());
        damageDataKey(caseId);

        Api.Response erased = api().as(Api.DPM).post("/api/v1/contact-cases/" + caseId + "/erasure", null);

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(storedEventTypes(caseId)).containsExactly("ContactCaseOpened", "ContactCaseErased");
        assertThat(shredded(caseId)).isTrue();
    }
}
