package ledger.api.http.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.LedgerNode;
import ledger.api.support.Notices;

/**
 * Notices over time and in languages, on a database of its own (a version registered in effect now
 * supersedes the policy's for every test that shares a database): a superseded version refuses new
 * consents (before, it answered 201); a version takes translations, each with its own SHA-256, and a
 * consent in a language records that text's hash (before, a Swedish text of a version was refused).
 */
class NoticesOverTimeIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Api.Response consent(Api api, UUID member, String version, String language) {
        return api.post("/api/v1/members/" + member + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\""
                + version + "\"" + (language == null ? "" : ",\"language\":\"" + language + "\"") + "}");
    }

    @Test
    void a_superseded_version_refuses_new_consents_and_a_translation_s_hash_is_recorded_with_the_consent() throws Exception {
        try (LedgerNode node = new LedgerNode(dataSource, LedgerNode.freshDatabase(jdbc, "ledger_notices"),
                dir.resolve("checkpoints"))) {
            UUID member = node.api().register(Api.uniqueUsername());
            Api.Response underPolicy = consent(node.api(), member, Notices.POLICY, null);
            assertThat(underPolicy.status()).as("in effect").isEqualTo(201);

            String version = "2026-12-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(node.api().as(Api.DPM).post("/api/v1/notices", Notices.body(version, "Policy text " + version,
                    Instant.now().minusSeconds(1), Notices.NEWSLETTER_DESCRIPTION)).status()).isEqualTo(201);

            Api.Response superseded = consent(node.api(), member, Notices.POLICY, null);
            assertThat(superseded.status()).as(superseded.body()).isEqualTo(400);
            assertThat(superseded.json().path("type").asText()).isEqualTo("urn:ledger:problem:notice-superseded");
            assertThat(superseded.json().at("/errors/policyVersion").asText()).isNotBlank();
            assertThat(node.api().post("/api/v1/members", Api.registration(Api.uniqueUsername(), "x")).status())
                    .as("a registration's consents under the superseded version too").isEqualTo(400);

            String swedish = "Integritetspolicy " + version + ": Zesec behandlar dina personuppgifter.";
            Api.Response translated = node.api().as(Api.DPM).post("/api/v1/notices/" + version + "/translations",
                    "{\"language\":\"sv\",\"text\":\"" + swedish + "\"}");
            assertThat(translated.status()).as(translated.body()).isEqualTo(201);
            assertThat(translated.json().path("sha256").asText()).isEqualTo(sha256(swedish));
            assertThat(node.api().as(Api.DPM).post("/api/v1/notices/" + version + "/translations",
                    "{\"language\":\"sv\",\"text\":\"" + swedish + "\"}").status()).as("the same again").isEqualTo(200);
            Api.Response changed = node.api().as(Api.DPM).post("/api/v1/notices/" + version + "/translations",
                    "{\"language\":\"sv\",\"text\":\"En annan text.\"}");
            assertThat(changed.status()).isEqualTo(409);
            assertThat(changed.json().path("type").asText()).isEqualTo("urn:ledger:problem:translation-conflict");
            assertThat(node.api().as(Api.DPM).post("/api/v1/notices/" + version + "/translations",
                    "{\"language\":\"en\",\"text\":\"Another English text.\"}").status()).isEqualTo(409);
            assertThat(node.api().as(Api.DPM).post("/api/v1/notices/never-registered/translations",
                    "{\"language\":\"sv\",\"text\":\"x\"}").status()).isEqualTo(404);
            assertThat(node.api().as(Api.PORTAL).post("/api/v1/notices/" + version + "/translations",
                    "{\"language\":\"de\",\"text\":\"x\"}").status()).isEqualTo(403);

            Api.Response inSwedish = consent(node.api(), member, version, "sv");
            assertThat(inSwedish.status()).as(inSwedish.body()).isEqualTo(201);
            String consentId = inSwedish.json().path("consentId").asText();
            JsonNode record = node.api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/consents/" + consentId)
                    .json();
            assertThat(record.at("/notice/language").asText()).isEqualTo("sv");
            assertThat(record.at("/notice/sha256").asText()).isEqualTo(sha256(swedish));
            JsonNode receipt = node.api().get("/api/v1/members/" + member + "/consents/" + consentId + "/receipt").json();
            assertThat(receipt.path("language").asText()).isEqualTo("sv");

            JsonNode first = node.api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/consents/"
                    + underPolicy.json().path("consentId").asText()).json();
            assertThat(first.path("state").asText()).as("the consent under the later version supersedes it")
                    .isEqualTo("SUPERSEDED");

            Api.Response german = consent(node.api(), member, version, "de");
            assertThat(german.status()).isEqualTo(400);
            assertThat(german.json().path("type").asText()).isEqualTo("urn:ledger:problem:unknown-notice-language");
            Api.Response english = consent(node.api(), member, version, null);
            assertThat(english.status()).isEqualTo(201);
            assertThat(english.json().path("consentId").asText()).as("the same version: the consent held")
                    .isEqualTo(consentId);
            // a registration under the version in effect, in its own language, records the notice's own hash
            Api.Response registered = node.api().post("/api/v1/members", Api.registration(Api.uniqueUsername(), "y")
                    .replace(Notices.POLICY, version));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            JsonNode history = node.api().as(Api.AUDITOR).get("/api/v1/members/"
                    + registered.json().path("memberId").asText() + "/consent-history").json();
            assertThat(history.get(0).path("noticeSha256").asText())
                    .isEqualTo(node.api().get("/api/v1/notices/" + version).json().path("sha256").asText())
                    .isNotEqualTo(sha256(swedish));
        }
    }
}
