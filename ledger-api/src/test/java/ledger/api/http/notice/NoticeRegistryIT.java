package ledger.api.http.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/** The notice registry over HTTP: registered by hash, never changed, and what every consent must name. */
class NoticeRegistryIT extends IntegrationTest {

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String version() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:ledger:problem:" + code);
    }

    @Test
    void the_default_configuration_registers_the_policy_of_2019_01_05_with_the_sha256_of_its_text() throws Exception {
        byte[] shipped = Files.readAllBytes(Path.of("src/main/resources/notices/privacy-policy-2019-01-05.txt"));
        assertThat(sha256(shipped)).isEqualTo(Notices.POLICY_SHA256);

        Api.Response notice = api().as(Api.AUDITOR).get("/api/v1/notices/2019-01-05");
        assertThat(notice.status()).isEqualTo(200);
        JsonNode json = notice.json();
        assertThat(json.get("version").asText()).isEqualTo(Notices.POLICY);
        assertThat(json.get("sha256").asText()).isEqualTo(Notices.POLICY_SHA256);
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(Instant.parse(json.get("effectiveFrom").asText())).isEqualTo(Instant.parse("2019-01-05T00:00:00Z"));
        assertThat(json.get("text").asText()).startsWith("Privacy Policy").endsWith("last updated 2019-01-05");
        assertThat(json.at("/purposes/portal-membership/legalBasis").asText()).contains("Art. 6(1)(a)");
        assertThat(json.at("/purposes/newsletter/description").asText()).isEqualTo(Notices.NEWSLETTER_DESCRIPTION);
        assertThat(json.get("recipients")).hasSize(2);

        Api.Response text = api().as(Api.PORTAL).header("Accept", "text/plain").get("/api/v1/notices/2019-01-05");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(sha256(text.body().getBytes(StandardCharsets.UTF_8))).as("the text byte for byte")
                .isEqualTo(Notices.POLICY_SHA256);

        assertThat(storedEventTypes(Notices.POLICY)).containsExactly("NoticeRegistered");
        assertThat(api().as(Api.ADMIN).get("/api/v1/notices").json().findValuesAsText("version"))
                .contains(Notices.POLICY);
    }

    @Test
    void the_dpm_registers_a_version_with_its_text_and_every_role_reads_it() throws Exception {
        String version = version();
        String text = "Privacy notice " + version + ".\\nWe keep your data for three months after you leave.";
        Api.Response registered = api().as(Api.DPM).post("/api/v1/notices",
                Notices.body(version, text, Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.header("Location")).isEqualTo("/api/v1/notices/" + version);
        String expected = sha256(("Privacy notice " + version + ".\nWe keep your data for three months after you leave.")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(registered.json().get("sha256").asText()).isEqualTo(expected);
        assertThat(storedEventTypes(version)).containsExactly("NoticeRegistered");

        for (String token : new String[] {Api.PORTAL, Api.AUDITOR, Api.DPM, Api.ADMIN}) {
            Api.Response read = api().as(token).get("/api/v1/notices/" + version);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("sha256").asText()).isEqualTo(expected);
        }
        JsonNode list = api().as(Api.PORTAL).get("/api/v1/notices").json();
        JsonNode listed = null;
        for (JsonNode n : list) {
            if (n.get("version").asText().equals(version)) {
                listed = n;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.has("text")).as("the list leaves the texts out").isFalse();
        assertThat(listed.get("sha256").asText()).isEqualTo(expected);

        Api.Response byAdmin = api().as(Api.ADMIN).post("/api/v1/notices",
                Notices.body(version(), "An administrator's notice.", Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION));
        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(api().as(Api.PORTAL).post("/api/v1/notices",
                Notices.body(version(), "x", Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION)).status()).isEqualTo(403);
    }

    @Test
    void the_same_content_again_records_nothing_and_another_text_under_the_version_is_409() {
        String version = version();
        String body = Notices.body(version, "Version one.", Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION);
        assertThat(api().as(Api.DPM).post("/api/v1/notices", body).status()).isEqualTo(201);

        Api.Response again = api().as(Api.DPM).post("/api/v1/notices", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("version").asText()).isEqualTo(version);

        Api.Response changed = api().as(Api.DPM).post("/api/v1/notices",
                Notices.body(version, "Version one, changed quietly.", Notices.EFFECTIVE, Notices.NEWSLETTER_DESCRIPTION));
        assertProblem(changed, 409, "notice-conflict");
        assertThat(changed.body()).doesNotContain("changed quietly");
        Api.Response otherTerms = api().as(Api.DPM).post("/api/v1/notices",
                Notices.body(version, "Version one.", Notices.EFFECTIVE, "Offers from partners."));
        assertProblem(otherTerms, 409, "notice-conflict");
        assertThat(storedEventTypes(version)).containsExactly("NoticeRegistered");
        assertThat(api().as(Api.AUDITOR).get("/api/v1/notices/" + version).json().get("text").asText())
                .isEqualTo("Version one.");
    }

    @Test
    void a_consent_naming_an_unknown_version_is_400_unknown_notice_and_records_nothing() {
        UUID id = api().register(Api.uniqueUsername());
        Api.Response made = api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"totally-made-up-v99\"}");
        assertProblem(made, 400, "unknown-notice");
        assertThat(made.json().at("/errors/policyVersion").asText()).isNotBlank();
        assertThat(made.body()).doesNotContain("totally-made-up-v99");
        assertThat(storedEventTypes(id)).containsExactly("MemberRegistered", "ConsentGiven");

        String username = Api.uniqueUsername();
        Api.Response registration = api().post("/api/v1/members",
                Api.registration(username, "N1").replace("\"2019-01-05\"", "\"2024-05\""));
        assertProblem(registration, 400, "unknown-notice");
        assertThat(api().post("/api/v1/members", Api.registration(username, "N1")).status())
                .as("the refused registration claimed no username").isEqualTo(201);
    }

    @Test
    void a_consent_under_a_notice_not_yet_in_effect_is_400_unknown_notice() {
        String future = version();
        assertThat(api().as(Api.DPM).post("/api/v1/notices", Notices.body(future, "From 2999 on.",
                Instant.parse("2999-01-01T00:00:00Z"), Notices.NEWSLETTER_DESCRIPTION)).status()).isEqualTo(201);
        UUID id = api().register(Api.uniqueUsername());
        assertProblem(api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"" + future + "\"}"), 400, "unknown-notice");
        assertThat(storedEventTypes(id)).containsExactly("MemberRegistered", "ConsentGiven");
    }

    @Test
    void a_consent_under_a_version_the_policy_s_version_superseded_is_refused() {
        String version = version();
        String membershipOnly = """
                {"version":"%s","language":"sv","url":"https://www.example.org/integritet","text":"Endast portalen.",
                 "effectiveFrom":"2019-01-01T00:00:00Z",
                 "purposes":{"portal-membership":{"description":"Portalen","legalBasis":"Samtycke"}},
                 "retention":"tre månader","recipients":[]}
                """.formatted(version);
        assertThat(api().as(Api.DPM).post("/api/v1/notices", membershipOnly).status()).isEqualTo(201);
        UUID id = api().register(Api.uniqueUsername());
        // effective before the policy's version, which supersedes it: no new consent rests on it any more
        // (the purpose check under the version in effect: NoticesOverTimeIT, on a database of its own)
        assertProblem(api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"portal-membership\",\"policyVersion\":\"" + version + "\"}"), 400,
                "notice-superseded");
        assertThat(storedEventTypes(id)).containsExactly("MemberRegistered", "ConsentGiven");
    }

    @Test
    void a_registration_is_validated_before_anything_is_recorded() {
        String version = version();
        assertProblem(api().as(Api.DPM).post("/api/v1/notices", Notices.body(version, "x", Notices.EFFECTIVE,
                Notices.NEWSLETTER_DESCRIPTION).replace("\"newsletter\":{", "\"profiling\":{")), 400, "unknown-purpose");
        assertProblem(api().as(Api.DPM).post("/api/v1/notices", Notices.body(version, "x", Notices.EFFECTIVE,
                Notices.NEWSLETTER_DESCRIPTION).replace("\"purposes\":[\"newsletter\"]", "\"purposes\":[\"analytics\"]")),
                400, "invalid-recipient");
        assertProblem(api().as(Api.DPM).post("/api/v1/notices", Notices.body("not a version", "x", Notices.EFFECTIVE,
                Notices.NEWSLETTER_DESCRIPTION)), 400, "invalid-field");
        assertProblem(api().as(Api.DPM).post("/api/v1/notices", Notices.body(version, "x", Notices.EFFECTIVE,
                Notices.NEWSLETTER_DESCRIPTION).replace("\"language\":\"en\"", "\"language\":\"english please\"")),
                400, "invalid-field");
        assertProblem(api().as(Api.DPM).post("/api/v1/notices", Notices.body(version, "x",
                Instant.parse("0001-01-01T00:00:00Z"), Notices.NEWSLETTER_DESCRIPTION)), 400, "invalid-field");
        assertThat(storedEventTypes(version)).isEmpty();
        assertProblem(api().as(Api.AUDITOR).get("/api/v1/notices/" + version), 404, "unknown-notice");
        assertProblem(api().as(Api.AUDITOR).get("/api/v1/notices/no%20such"), 404, "unknown-notice");
    }
}
