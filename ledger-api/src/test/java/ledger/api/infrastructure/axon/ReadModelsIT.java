package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/** The read models through the HTTP contract, field by field. */
class ReadModelsIT extends IntegrationTest {

    private UUID memberWithHistory(String username) {
        UUID id = api().register(username);
        api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\",\"channel\":\"email\"}");
        api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"doc-1\",\"title\":\"Price list\"}");
        api().patch("/api/v1/members/" + id + "/profile", "{\"company\":\"New Company\"}");
        api().post("/api/v1/members/" + id + "/consents/withdrawals", "{\"purposes\":[\"newsletter\"]}");
        return id;
    }

    @Test
    void the_register_extract_states_everything_article_15_asks_for_and_is_recorded() {
        String username = Api.uniqueUsername();
        UUID id = memberWithHistory(username);

        Api.Response response = api().get("/api/v1/members/" + id + "/register-extract");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode x = response.json();
        assertThat(x.get("schema").asText()).isEqualTo("urn:ledger:register-extract:v1");
        assertThat(Instant.parse(x.get("issuedAt").asText())).isNotNull();
        assertThat(x.at("/issuedTo/role").asText()).isEqualTo("PORTAL");
        assertThat(x.at("/controller/name").asText()).isEqualTo("Zesec of Sweden AB");
        assertThat(x.at("/controller/email").asText()).isEqualTo("info@zesec.com");
        assertThat(x.at("/member/memberId").asText()).isEqualTo(id.toString());
        assertThat(x.at("/member/username").asText()).isEqualTo(username);
        assertThat(x.at("/member/givenName").asText()).isEqualTo("Given" + username);
        assertThat(x.at("/member/familyName").asText()).isEqualTo("Family" + username);
        assertThat(x.at("/member/company").asText()).isEqualTo("New Company");
        assertThat(x.at("/member/email").asText()).isEqualTo("mail" + username + "@example.org");
        assertThat(x.at("/member/status").asText()).isEqualTo("ACTIVE");
        assertThat(x.get("personalDataCategories").toString()).contains("email address", "documents and files downloaded");

        JsonNode purposes = x.get("purposes");
        assertThat(purposes).hasSize(2);
        assertThat(purposes.get(0).get("purpose").asText()).isEqualTo("newsletter");
        assertThat(purposes.get(0).get("legalBasis").asText()).contains("Art. 6(1)(a)");
        assertThat(purposes.get(0).at("/consent/granted").asBoolean(true)).isFalse();
        assertThat(purposes.get(1).get("purpose").asText()).isEqualTo("portal-membership");
        assertThat(purposes.get(1).at("/consent/granted").asBoolean()).isTrue();
        assertThat(purposes.get(1).at("/consent/policyVersion").asText()).isEqualTo(Notices.POLICY);

        assertThat(x.get("recipients")).hasSize(2);
        assertThat(x.at("/recipients/0/role").asText()).isEqualTo("processor");
        assertThat(x.at("/recipients/0/insideEuEea").asBoolean()).isTrue();
        assertThat(x.get("storage").asText()).contains("inside the EU/EEA");
        assertThat(x.at("/retention/memberData").asText()).contains("3 months").doesNotContain("P3M");
        assertThat(x.at("/retention/contactFormData").asText()).contains("at most 3 years").doesNotContain("P3Y");
        assertThat(x.at("/retention/erasureDueAt").isNull()).isTrue();
        assertThat(x.at("/retention/erasure").asText()).contains("no erasure date is set");
        assertThat(x.at("/dataProtectionManager/email").asText()).isEqualTo("info@zesec.com");
        assertThat(x.get("automatedDecisionMaking").asText()).contains("No decisions based solely on automated");
        assertThat(x.get("pastValues")).hasSize(1);
        assertThat(x.at("/pastValues/0/field").asText()).isEqualTo("company");
        assertThat(x.at("/pastValues/0/value").asText()).isEqualTo("Company" + username);
        assertThat(Instant.parse(x.at("/pastValues/0/until").asText()))
                .isAfter(Instant.parse(x.at("/pastValues/0/from").asText()));

        assertThat(x.get("downloads")).hasSize(1);
        assertThat(x.at("/downloads/0/documentId").asText()).isEqualTo("doc-1");
        assertThat(x.at("/downloads/0/title").asText()).isEqualTo("Price list");

        JsonNode history = x.get("consentHistory");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("type").asText()).isEqualTo("GIVEN");
        assertThat(history.get(0).get("purpose").asText()).isEqualTo("portal-membership");
        assertThat(history.get(1).get("channel").asText()).isEqualTo("email");
        assertThat(history.get(2).get("type").asText()).isEqualTo("WITHDRAWN");
        assertThat(history.get(2).get("purpose").asText()).isEqualTo("newsletter");
        assertThat(history.get(2).at("/actor/role").asText()).isEqualTo("PORTAL");

        List<String> rights = new ArrayList<>();
        x.get("rights").forEach(r -> rights.add(r.get("right").asText()));
        assertThat(rights).contains("access", "rectification", "erasure", "restriction of processing", "objection",
                "withdrawal of consent", "data portability", "complaint");
        assertThat(x.at("/supervisoryAuthority/name").asText()).contains("Integritetsskyddsmyndigheten");
        assertThat(x.get("source").asText()).isNotBlank();

        assertThat(storedEventTypes(id)).endsWith("RegisterExtractIssued");
    }

    @Test
    void the_register_extract_is_a_readable_page_with_the_values_escaped() {
        UUID id = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"<script>alert(1)</script>\"}");
        Api.Response page = api().as(Api.DPM).header("Accept", "text/html").get("/api/v1/members/" + id
                + "/register-extract");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Register extract</h1>", "Your rights", "Supervisory authority",
                "Consent history", "portal-membership", "Automated decision-making", "Data Protection Manager",
                "Earlier values we still hold");
        assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(storedEventTypes(id)).endsWith("RegisterExtractIssued");
    }

    @Test
    void the_consent_history_lists_every_consent_event_of_the_member_in_order() {
        UUID id = memberWithHistory(Api.uniqueUsername());
        Api.Response response = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/consent-history");
        assertThat(response.status()).isEqualTo(200);
        JsonNode entries = response.json();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(entries.get(1).get("purpose").asText()).isEqualTo("newsletter");
        assertThat(entries.get(1).get("policyVersion").asText()).isEqualTo(Notices.POLICY);
        assertThat(entries.get(1).get("noticeSha256").asText()).isEqualTo(Notices.POLICY_SHA256);
        assertThat(entries.get(1).get("channel").asText()).isEqualTo("email");
        assertThat(entries.get(2).get("type").asText()).isEqualTo("WITHDRAWN");
        assertThat(entries.get(2).get("channel").asText()).isEqualTo("portal");
        assertThat(entries.get(2).at("/actor/principal").asText()).isEqualTo("static:PORTAL#1");
        assertThat(Instant.parse(entries.get(2).get("at").asText()))
                .isAfterOrEqualTo(Instant.parse(entries.get(0).get("at").asText()));
        assertThat(api().get("/api/v1/members/" + id + "/consent-history").status()).as("PORTAL").isEqualTo(403);
    }

    @Test
    void the_history_shows_the_whole_trail_with_personal_fields_masked_and_survives_erasure() {
        String username = Api.uniqueUsername();
        UUID id = memberWithHistory(username);
        Api.Response before = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/history");
        assertThat(before.status()).isEqualTo(200);
        JsonNode trail = before.json();
        List<String> types = new ArrayList<>();
        trail.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("MemberRegistered", "ConsentGiven", "ConsentGiven", "DocumentDownloaded",
                "ProfileEdited", "ConsentWithdrawn");
        assertThat(before.body()).doesNotContain(username).doesNotContain("Price list").doesNotContain("New Company");
        assertThat(trail.get(0).at("/details/username").asText()).isEqualTo("***");
        assertThat(trail.get(4).at("/details/company").asText()).isEqualTo("***");
        assertThat(trail.get(4).at("/details/email").isNull()).isTrue();
        assertThat(trail.get(2).at("/details/purpose").asText()).isEqualTo("newsletter");
        assertThat(trail.get(0).at("/actor/role").asText()).isEqualTo("PORTAL");

        api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}");
        JsonNode after = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/history").json();
        assertThat(after).hasSize(7);
        assertThat(after.get(0).at("/details/username").asText()).isEqualTo("[erased]");
        assertThat(after.get(4).at("/details/company").asText()).isEqualTo("[erased]");
        assertThat(after.get(6).get("type").asText()).isEqualTo("MemberErased");
        assertThat(after.get(6).at("/details/ground").asText()).isEqualTo("MEMBER_REQUEST");
        // the consent history survives too, and the erasure closes the consent still given
        JsonNode consents = api().as(Api.AUDITOR).get("/api/v1/members/" + id + "/consent-history").json();
        assertThat(consents).hasSize(4);
        assertThat(consents.get(3).get("type").asText()).isEqualTo("ERASED");
        assertThat(consents.get(3).get("purpose").asText()).isEqualTo("portal-membership");
    }

    @Test
    void consents_across_members_are_paged_by_cursor_filtered_and_exported_as_csv() {
        Instant from = Instant.now();
        String version = Notices.POLICY;
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = api().register(Api.uniqueUsername());
            members.add(id);
            api().post("/api/v1/members/" + id + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\""
                    + version + "\"}");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> countNewsletter(members) == 5);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "/api/v1/audit/consents?purpose=newsletter&from=" + from + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Response page = api().as(Api.AUDITOR).get(query);
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode entry : page.json().get("entries")) {
                assertThat(entry.get("purpose").asText()).isEqualTo("newsletter");
                assertThat(Instant.parse(entry.get("at").asText())).isAfterOrEqualTo(from);
                assertThat(seen.add(entry.get("memberId").asText() + "/" + entry.get("seq").asLong()))
                        .as("no entry twice").isTrue();
            }
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        for (UUID member : members) {
            assertThat(seen).contains(member + "/2");
        }

        Api.Response csv = api().as(Api.AUDITOR).header("Accept", "text/csv")
                .get("/api/v1/audit/consents?purpose=newsletter&from=" + from + "&limit=1000");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("member_id,seq,type,purpose,policy_version,channel,at,actor_principal,actor_role,"
                + "notice_sha256,acting_user");
        assertThat(csv.body()).contains(members.get(0) + ",2,GIVEN,newsletter," + version + ",portal,");
        assertThat(lines.length - 1).isEqualTo(seen.size());

        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/consents?from=yesterday").status()).isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/consents?limit=0").status()).isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/consents?cursor=%27%3B--").status()).isEqualTo(400);
        assertThat(api().as(Api.DPM).get("/api/v1/audit/consents").status()).isEqualTo(403);
    }

    private int countNewsletter(List<UUID> members) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM consent_history WHERE purpose = 'newsletter'"
                + " AND member_id = ANY (?)", Integer.class, (Object) members.toArray(UUID[]::new));
        return count == null ? 0 : count;
    }

    @Test
    void an_unknown_member_has_no_extract_and_no_history() {
        UUID unknown = UUID.randomUUID();
        assertThat(api().get("/api/v1/members/" + unknown + "/register-extract").status()).isEqualTo(404);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/members/" + unknown + "/history").status()).isEqualTo(404);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/members/" + unknown + "/consent-history").status())
                .isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.config.Configuration axon;

    /** Axon's own message origin is replaced, not joined: else the read models' batches would still read it. */
    @Test
    void the_only_correlation_provider_leaves_the_read_models_batches_out() {
        assertThat(axon.correlationDataProviders()).hasSize(1).allMatch(OriginOutsideReadModels.class::isInstance);
    }
}
