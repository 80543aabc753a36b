package ledger.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/**
 * Re-consent over HTTP: a new notice version that changes a purpose's terms lists the members whose
 * consent to it rests on an older version, and their member view flags the purpose.
 */
class ReconsentIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /** The client of the node under test: a node of its own where notices change the version in effect. */
    private java.util.function.Supplier<Api> apis = this::api;

    private UUID memberConsentingUnder(String version) {
        return consentingUnder(apis.get().register(Api.uniqueUsername()), version);
    }

    /** A registration's consent names the policy's version: members are registered while it is in effect. */
    private UUID consentingUnder(UUID id, String version) {
        Api.Response given = apis.get().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"" + version + "\"}");
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return id;
    }

    /** Every member listed for the notice, page by page. */
    private List<String> listed(String notice) {
        List<String> members = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = apis.get().as(Api.AUDITOR).get("/api/v1/audit/reconsent?notice=" + notice + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("memberIds").forEach(m -> members.add(m.asText()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null && ++pages < 1000);
        return members;
    }

    private JsonNode consents(UUID member) {
        return apis.get().get("/api/v1/members/" + member).json().get("consents");
    }

    @Test
    void members_whose_consent_rests_on_an_older_notice_with_other_terms_are_listed_and_flagged() {
        // registering versions in effect now supersedes the policy's: on a database of its own
        try (ledger.api.support.LedgerNode node = new ledger.api.support.LedgerNode(dataSource,
                ledger.api.support.LedgerNode.freshDatabase(jdbc, "ledger_reconsent"), dir.resolve("checkpoints"))) {
            apis = node::api;
            listsAndFlags();
        } finally {
            apis = this::api;
        }
    }

    private void listsAndFlags() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String older = "rc-" + tag + "-a";
        String current = "rc-" + tag + "-b";
        // under the policy's version while it is the one in effect; the others registered meanwhile
        UUID onPolicy = memberConsentingUnder(Notices.POLICY);
        UUID olderMember = apis.get().register(Api.uniqueUsername());
        UUID currentMember = apis.get().register(Api.uniqueUsername());
        UUID lateMember = apis.get().register(Api.uniqueUsername());
        // the older version described the newsletter otherwise; the new one goes back to the policy's terms
        assertThat(apis.get().as(Api.DPM).post("/api/v1/notices", Notices.body(older, "Notice A " + tag,
                now.minusSeconds(2), "Newsletter and partner offers " + tag)).status()).isEqualTo(201);
        UUID onOlder = consentingUnder(olderMember, older);
        Api.Response superseded = apis.get().post("/api/v1/members/" + lateMember + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"" + Notices.POLICY + "\"}");
        assertThat(superseded.status()).as("the policy's version is superseded now").isEqualTo(400);
        assertThat(superseded.json().path("type").asText()).isEqualTo("urn:ledger:problem:notice-superseded");
        assertThat(consents(onOlder).at("/newsletter/reconsentRequired").asBoolean(true))
                .as("its notice is the one in effect").isFalse();
        assertThat(apis.get().as(Api.DPM).post("/api/v1/notices", Notices.body(current, "Notice B " + tag,
                now.minusSeconds(1), Notices.NEWSLETTER_DESCRIPTION)).status()).isEqualTo(201);
        UUID onCurrent = consentingUnder(currentMember, current);

        assertThat(consents(onOlder).at("/newsletter/reconsentRequired").asBoolean()).isTrue();
        assertThat(consents(onOlder).at("/portal-membership/reconsentRequired").asBoolean(true))
                .as("the membership's terms never changed").isFalse();
        assertThat(consents(onCurrent).at("/newsletter/reconsentRequired").asBoolean(true)).isFalse();
        assertThat(consents(onPolicy).at("/newsletter/reconsentRequired").asBoolean(true))
                .as("the policy's terms are the new notice's").isFalse();

        Api.Response page = apis.get().as(Api.DPM).get("/api/v1/audit/reconsent?notice=" + current);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("notice").asText()).isEqualTo(current);
        // other tests register older versions with other terms too: this one changed the newsletter at least
        assertThat(page.json().get("purposes").toString()).contains("\"newsletter\"");
        List<String> members = listed(current);
        assertThat(members).contains(onOlder.toString()).doesNotContain(onCurrent.toString(), onPolicy.toString());
        assertThat(members).doesNotHaveDuplicates();
        assertThat(listed(older)).as("nothing older asks for the terms of A").doesNotContain(onOlder.toString(),
                onCurrent.toString());

        assertThat(apis.get().post("/api/v1/members/" + onOlder + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isEqualTo(200);
        assertThat(consents(onOlder).at("/newsletter/reconsentRequired").asBoolean(true))
                .as("nothing granted, nothing to give again").isFalse();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !listed(current).contains(onOlder.toString()));
    }

    @Test
    void the_listing_names_a_registered_notice_and_is_for_auditors_and_the_dpm() {
        Api.Response unknown = api().as(Api.AUDITOR).get("/api/v1/audit/reconsent?notice=never-registered");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:ledger:problem:unknown-notice");
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/reconsent?notice=not%20a%20version").status())
                .isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/reconsent?notice=2019-01-05&cursor=%27%3B--").status())
                .isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/audit/reconsent").status()).isEqualTo(400);
        assertThat(api().as(Api.PORTAL).get("/api/v1/audit/reconsent?notice=2019-01-05").status()).isEqualTo(403);
        assertThat(api().as(Api.ADMIN).get("/api/v1/audit/reconsent?notice=2019-01-05").status()).isEqualTo(403);
    }
}
