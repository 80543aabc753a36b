package ledger.api.http.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;
import ledger.core.log.Checkpoint;
import ledger.core.log.EventRow;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;

/**
 * Consent as evidence over HTTP (GDPR Art. 7(1)): the receipt a member keeps, verified with the
 * ledger's public key alone; the consent record; the consent to a purpose at any moment with the
 * stored events and their proofs; the withdrawal channel; the person acting through the portal.
 */
class ConsentEvidenceIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UUID member() {
        return api().register(Api.uniqueUsername());
    }

    /** The exact time of a consent's events, as stored (the consent history keeps them to the microsecond). */
    private Instant eventTime(UUID member, UUID consentId, int event) {
        return Instant.parse(api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/consents/" + consentId).json()
                .at("/events/" + event + "/at").asText());
    }

    private UUID consent(UUID member, String body) {
        Api.Response given = api().post("/api/v1/members/" + member + "/consents", body);
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return UUID.fromString(given.json().get("consentId").asText());
    }

    private JsonNode consentHistory(UUID member, int entries) {
        JsonNode[] history = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            history[0] = api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/consent-history").json();
            return history[0].size() >= entries;
        });
        return history[0];
    }

    private String eventId(UUID member, long sequence) {
        return jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", String.class, member.toString(), sequence);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:ledger:problem:" + code);
    }

    @Test
    void the_receipt_follows_the_kantara_consent_receipt_fields() {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        UUID consentId = consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\",\"channel\":\"email\"}");
        JsonNode given = consentHistory(id, 2).get(1);

        Api.Response response = api().get("/api/v1/members/" + id + "/consents/" + consentId + "/receipt");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode receipt = response.json();
        assertThat(receipt.get("version").asText()).isEqualTo("KI-CR-v1.1.0");
        assertThat(receipt.get("jurisdiction").asText()).isEqualTo("SE");
        assertThat(receipt.get("consentTimestamp").isIntegralNumber()).isTrue();
        assertThat(receipt.get("consentTimestamp").asLong())
                .isEqualTo(Instant.parse(given.get("at").asText()).getEpochSecond());
        assertThat(receipt.get("collectionMethod").asText()).isEqualTo("email");
        assertThat(receipt.get("consentReceiptID").asText()).isEqualTo(consentId.toString());
        assertThat(receipt.get("language").asText()).isEqualTo("en");
        assertThat(receipt.get("piiPrincipalId").asText()).isEqualTo(id.toString());
        JsonNode controller = receipt.at("/piiControllers/0");
        assertThat(controller.get("piiController").asText()).isEqualTo("Zesec of Sweden AB");
        assertThat(controller.get("contact").asText()).isNotBlank();
        assertThat(controller.at("/address/addressCountry").asText()).isEqualTo("SE");
        assertThat(controller.get("email").asText()).isEqualTo("info@zesec.com");
        assertThat(receipt.get("policyUrl").asText()).isEqualTo("https://www.zesec.com/privacy-policy/");
        JsonNode purpose = receipt.at("/services/0/purposes/0");
        assertThat(receipt.at("/services/0/service").asText()).isNotBlank();
        assertThat(receipt.at("/services/0/purposes")).hasSize(1);
        assertThat(purpose.get("purpose").asText()).isEqualTo(Notices.NEWSLETTER_DESCRIPTION);
        assertThat(purpose.get("purposeCategory").toString()).isEqualTo("[\"6 - Marketing\"]");
        assertThat(purpose.get("consentType").asText()).isEqualTo("EXPLICIT");
        assertThat(purpose.get("piiCategory").toString()).contains("2 - Contact");
        assertThat(purpose.get("primaryPurpose").asBoolean(true)).isFalse();
        assertThat(purpose.get("termination").asText()).contains("three months");
        assertThat(purpose.get("thirdPartyDisclosure").asBoolean(true)).as("processors are no third parties").isFalse();
        assertThat(purpose.has("thirdPartyName")).isFalse();
        assertThat(receipt.get("sensitive").asBoolean(true)).isFalse();
        assertThat(receipt.get("spiCat").isArray()).isTrue();
        assertThat(response.body()).as("no personal data beyond the member id").doesNotContain(username);

        JsonNode membership = api().as(Api.DPM).get("/api/v1/members/" + id + "/consents/"
                + consentIdOfMembership(id) + "/receipt").json();
        assertThat(membership.at("/services/0/purposes/0/primaryPurpose").asBoolean()).isTrue();
        assertThat(membership.at("/services/0/purposes/0/purposeCategory/0").asText()).isEqualTo("2 - Contracted Service");
    }

    private String consentIdOfMembership(UUID member) {
        String payload = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE"
                + " aggregate_identifier = ? AND sequence_number = 1", byte[].class, member.toString()),
                StandardCharsets.UTF_8);
        int at = payload.indexOf("\"consentId\":\"") + "\"consentId\":\"".length();
        return payload.substring(at, at + 36);
    }

    /** The receipt's JWS checked with nothing but the JDK and the key served at /api/v1/ledger/public-key. */
    @Test
    void the_receipt_as_jws_verifies_with_the_ledgers_public_key_using_only_the_jdk() throws Exception {
        UUID id = member();
        UUID consentId = consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");

        // the note verifier key: <name>+<hex key hash>+<base64(0x01 || 32-byte Ed25519 key)>
        String verifierKey = api().as(Api.AUDITOR).get("/api/v1/ledger/public-key").body().strip();
        String[] parts = verifierKey.split("\\+");
        assertThat(parts).hasSize(3);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        assertThat(typed).hasSize(33);
        assertThat(typed[0]).isEqualTo((byte) 0x01);
        byte[] x509 = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, x509, 0, 12);
        System.arraycopy(typed, 1, x509, 12, 32);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));

        Api.Response response = api().header("Accept", "application/jose")
                .get("/api/v1/members/" + id + "/consents/" + consentId + "/receipt");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/jose");
        String[] jws = response.body().split("\\.");
        assertThat(jws).hasSize(3);
        Base64.Decoder base64url = Base64.getUrlDecoder();
        String header = new String(base64url.decode(jws[0]), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"EdDSA\",\"kid\":\"" + parts[1] + "\"}");

        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update((jws[0] + "." + jws[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(ed25519.verify(base64url.decode(jws[2]))).as("signed with the ledger's key").isTrue();

        JsonNode payload = JSON.readTree(base64url.decode(jws[1]));
        JsonNode plain = api().get("/api/v1/members/" + id + "/consents/" + consentId + "/receipt").json();
        assertThat(payload).as("the JWS payload is the JSON receipt").isEqualTo(plain);
        assertThat(payload.get("consentReceiptID").asText()).isEqualTo(consentId.toString());

        String forged = new String(base64url.decode(jws[1]), StandardCharsets.UTF_8)
                .replace("\"jurisdiction\":\"SE\"", "\"jurisdiction\":\"US\"");
        ed25519.initVerify(publicKey);
        ed25519.update((jws[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII));
        assertThat(ed25519.verify(base64url.decode(jws[2]))).as("a changed receipt fails").isFalse();
    }

    @Test
    void the_consent_record_shows_its_life_and_after_erasure_the_receipt_is_gone() {
        UUID id = member();
        UUID first = consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        assertThat(api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"],\"channel\":\"letter\"}").status()).isEqualTo(200);
        // consent again, by e-mail (a consent superseded by one under a later version: NoticesOverTimeIT)
        UUID second = consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\",\"channel\":\"email\"}");

        JsonNode record = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/consents/" + first).json();
        assertThat(record.get("recordId").asText()).isEqualTo(first.toString());
        assertThat(record.get("piiPrincipalId").asText()).isEqualTo(id.toString());
        assertThat(record.get("schema").asText()).contains("27560");
        assertThat(record.at("/controller/name").asText()).isEqualTo("Zesec of Sweden AB");
        assertThat(record.at("/purpose/name").asText()).isEqualTo("newsletter");
        assertThat(record.at("/purpose/legalBasis").asText()).contains("Art. 6(1)(a)");
        assertThat(record.at("/notice/version").asText()).isEqualTo(Notices.POLICY);
        assertThat(record.at("/notice/sha256").asText()).isEqualTo(Notices.POLICY_SHA256);
        assertThat(record.at("/notice/language").asText()).isEqualTo("en");
        assertThat(record.get("recipients").findValuesAsText("name")).hasSize(2);
        assertThat(record.get("collectionMethod").asText()).isEqualTo("portal");
        assertThat(record.at("/collectedBy/role").asText()).isEqualTo("PORTAL");
        assertThat(record.get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(record.get("events").findValuesAsText("type")).containsExactly("ConsentGiven", "ConsentWithdrawn");
        assertThat(record.at("/events/1/channel").asText()).isEqualTo("letter");
        assertThat(record.get("terminatedAt").isNull()).isFalse();

        JsonNode renewed = api().get("/api/v1/members/" + id + "/consents/" + second).json();
        assertThat(renewed.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(renewed.at("/notice/version").asText()).isEqualTo(Notices.POLICY);
        assertThat(renewed.get("collectionMethod").asText()).isEqualTo("email");
        assertThat(renewed.get("terminatedAt").isNull()).isTrue();

        assertProblem(api().get("/api/v1/members/" + id + "/consents/" + UUID.randomUUID()), 404, "unknown-consent");
        assertProblem(api().get("/api/v1/members/" + UUID.randomUUID() + "/consents/" + first + "/receipt"), 404,
                "unknown-member");
        assertThat(api().as(Api.ADMIN).get("/api/v1/members/" + id + "/consents/" + first).status()).isEqualTo(403);

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        Api.Response gone = api().get("/api/v1/members/" + id + "/consents/" + first + "/receipt");
        assertProblem(gone, 410, "consent-receipt-gone");
        assertProblem(api().header("Accept", "application/jose")
                .get("/api/v1/members/" + id + "/consents/" + second + "/receipt"), 410, "consent-receipt-gone");
        JsonNode withdrawnRecord = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/consents/" + first).json();
        assertThat(withdrawnRecord.get("state").asText()).as("the evidence outlives the member").isEqualTo("WITHDRAWN");
        JsonNode erasedRecord = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/consents/" + second).json();
        assertThat(erasedRecord.get("state").asText()).as("the erasure ended the active one").isEqualTo("ERASED");
    }

    @Test
    void the_consent_at_any_moment_is_answered_with_the_stored_events_that_prove_it() {
        UUID id = member();
        UUID consentId = consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        assertThat(api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"],\"channel\":\"phone\"}").status()).isEqualTo(200);
        JsonNode history = consentHistory(id, 3);
        Instant givenAt = eventTime(id, consentId, 0);
        Instant withdrawnAt = eventTime(id, consentId, 1);
        assertThat(withdrawnAt).isAfter(givenAt);
        assertThat(Instant.parse(history.get(1).get("at").asText())).isCloseTo(givenAt, within(1, ChronoUnit.MICROS));
        String state = "/api/v1/audit/consent-state?memberId=" + id + "&purpose=newsletter&at=";

        JsonNode before = api().as(Api.AUDITOR).get(state + givenAt.minusMillis(1)).json();
        assertThat(before.get("granted").asBoolean(true)).isFalse();
        assertThat(before.get("noticeVersion").isNull()).isTrue();
        assertThat(before.get("evidence")).isEmpty();

        JsonNode[] during = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            during[0] = api().as(Api.DPM).get(state + givenAt).json();
            return !during[0].at("/evidence/0/leafIndex").isNull();
        });
        JsonNode granted = during[0];
        assertThat(granted.get("granted").asBoolean()).isTrue();
        assertThat(granted.get("consentId").asText()).isEqualTo(consentId.toString());
        assertThat(granted.get("noticeVersion").asText()).isEqualTo(Notices.POLICY);
        assertThat(granted.get("noticeSha256").asText()).isEqualTo(Notices.POLICY_SHA256);
        assertThat(Instant.parse(granted.get("since").asText())).isEqualTo(givenAt);
        JsonNode evidence = granted.at("/evidence/0");
        assertThat(granted.get("evidence")).hasSize(1);
        assertThat(evidence.get("type").asText()).isEqualTo("ConsentGiven");
        assertThat(evidence.get("sequence").asLong()).isEqualTo(2);
        assertThat(evidence.get("eventId").asText()).isEqualTo(eventId(id, 2));
        assertThat(Instant.parse(evidence.get("at").asText())).isEqualTo(givenAt);
        assertLeafProven(evidence.get("eventId").asText(), evidence.get("leafIndex").asLong());

        assertThat(api().as(Api.AUDITOR).get(state + history.get(1).get("at").asText()).json().get("granted")
                .asBoolean()).as("at the time the consent history shows").isTrue();

        JsonNode after = api().as(Api.AUDITOR).get(state + withdrawnAt.plusSeconds(1)).json();
        assertThat(after.get("granted").asBoolean(true)).isFalse();
        assertThat(Instant.parse(after.get("since").asText())).isEqualTo(withdrawnAt);
        assertThat(after.get("noticeVersion").asText()).as("the notice of the withdrawn consent").isEqualTo(Notices.POLICY);
        assertThat(after.get("evidence").findValuesAsText("type")).containsExactly("ConsentGiven", "ConsentWithdrawn");
        assertThat(after.at("/evidence/1/eventId").asText()).isEqualTo(eventId(id, 3));

        JsonNode now = api().as(Api.AUDITOR).get("/api/v1/audit/consent-state?memberId=" + id
                + "&purpose=portal-membership").json();
        assertThat(now.get("granted").asBoolean()).as("at defaults to now").isTrue();

        assertProblem(api().as(Api.AUDITOR).get(state + "yesterday"), 400, "invalid-parameter");
        assertProblem(api().as(Api.AUDITOR).get("/api/v1/audit/consent-state?memberId=" + id + "&purpose=profiling"),
                400, "unknown-purpose");
        assertProblem(api().as(Api.AUDITOR).get("/api/v1/audit/consent-state?memberId=" + UUID.randomUUID()
                + "&purpose=newsletter"), 404, "unknown-member");
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/consent-state?purpose=newsletter").status()).isEqualTo(400);
        assertThat(api().as(Api.PORTAL).get(state + givenAt).status()).isEqualTo(403);
    }

    /** The leaf the answer names is the event's, and a signed checkpoint's inclusion proof covers it. */
    private void assertLeafProven(String eventId, long leafIndex) {
        JsonNode leaf = api().as(Api.AUDITOR).get("/api/v1/ledger/leaves?eventId=" + eventId).json().get(0);
        assertThat(leaf.get("index").asLong()).isEqualTo(leafIndex);
        EventRow row = jdbc.queryForObject("SELECT event_identifier, aggregate_identifier, sequence_number, type,"
                + " time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                + " WHERE event_identifier = ?", (rs, i) -> new EventRow(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)),
                eventId);
        byte[] leafHash = Base64.getDecoder().decode(leaf.get("leafHash").asText());
        assertThat(leafHash).isEqualTo(row.leafHash());
        NoteVerifier key = NoteVerifier.parse(api().as(Api.AUDITOR).get("/api/v1/ledger/public-key").body().strip());
        Checkpoint[] checkpoint = new Checkpoint[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            checkpoint[0] = Checkpoint.parse(key.verify(api().as(Api.AUDITOR).get("/api/v1/ledger/checkpoint").body()));
            return checkpoint[0].treeSize() > leafIndex;
        });
        JsonNode proof = api().as(Api.AUDITOR).get("/api/v1/ledger/proofs/inclusion?index=" + leafIndex + "&treeSize="
                + checkpoint[0].treeSize()).json();
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        assertThat(Proofs.verifyInclusion(leafIndex, checkpoint[0].treeSize(), leafHash, hashes,
                checkpoint[0].rootHash())).isTrue();
    }

    @Test
    void a_withdrawal_records_its_channel_and_a_channel_outside_the_vocabulary_is_refused() {
        UUID id = member();
        consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        Api.Response fax = api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"],\"channel\":\"fax\"}");
        assertProblem(fax, 400, "invalid-field");
        assertThat(fax.json().at("/errors/channel").asText()).contains("portal, email, letter or phone");
        assertThat(fax.body()).doesNotContain("fax");
        assertThat(api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"],\"channel\":\"email\"}").status()).isEqualTo(200);
        JsonNode withdrawal = consentHistory(id, 3).get(2);
        assertThat(withdrawal.get("type").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawal.get("channel").asText()).isEqualTo("email");
        String payload = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE"
                + " aggregate_identifier = ? AND sequence_number = 3", byte[].class, id.toString()), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"channel\":\"email\"");
    }

    @Test
    void the_person_acting_through_the_portal_is_recorded_beside_the_client_and_histories_show_it() {
        UUID id = member();
        String self = "member:" + id;
        consent(id, "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");
        Api.Response bySelf = api().header("X-Acting-User", self).post("/api/v1/members/" + id
                + "/consents/withdrawals", "{\"purposes\":[\"newsletter\"]}");
        assertThat(bySelf.status()).isEqualTo(200);
        assertThat(api().header("X-Acting-User", "admin:site-admin-7").patch("/api/v1/members/" + id + "/profile",
                "{\"company\":\"Edited by an administrator\"}").status()).isEqualTo(200);

        JsonNode withdrawal = consentHistory(id, 3).get(2);
        assertThat(withdrawal.at("/actor/principal").asText()).isEqualTo("static:PORTAL#1");
        assertThat(withdrawal.at("/actor/actingUser").asText()).isEqualTo(self);
        JsonNode[] trail = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            trail[0] = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/history").json();
            return trail[0].size() >= 5;
        });
        assertThat(trail[0].get(0).at("/actor/actingUser").isMissingNode()).as("none named: none shown").isTrue();
        assertThat(trail[0].get(3).at("/actor/actingUser").asText()).isEqualTo(self);
        assertThat(trail[0].get(4).get("type").asText()).isEqualTo("ProfileEdited");
        assertThat(trail[0].get(4).at("/actor/actingUser").asText()).isEqualTo("admin:site-admin-7");
        assertThat(trail[0].get(4).at("/actor/role").asText()).isEqualTo("PORTAL");

        List<String> before = List.copyOf(storedEventTypes(id));
        for (String invalid : List.of("admin:ada@example.org", "member:" + UUID.randomUUID(), "member:ada",
                "somebody", "admin:")) {
            Api.Response refused = api().header("X-Acting-User", invalid).patch("/api/v1/members/" + id + "/profile",
                    "{\"company\":\"Never stored\"}");
            assertProblem(refused, 400, "invalid-acting-user");
            assertThat(refused.json().at("/errors/X-Acting-User").asText()).isNotBlank();
            assertThat(refused.body()).doesNotContain("ada@example.org");
        }
        assertThat(storedEventTypes(id)).as("nothing recorded for a refused acting user").isEqualTo(before);
    }
}
