package ledger.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.Notices;

/**
 * After a marketing complaint: did each recipient of the mailing consent at that moment (one call for
 * the whole list, with the evidence), and who may receive the next mailing now. A withdrawal, an
 * objection and an erasure end a consent at their moment; a member the ledger never saw is unknown.
 */
class CampaignAuditIT extends IntegrationTest {

    private UUID consenting() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        return member;
    }

    private static void tick() {
        // consent events carry the service's clock; a moment strictly between two of them
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> audience(Instant at) {
        List<String> members = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api().get("/api/v1/purposes/newsletter/audience?limit=1000&at=" + at
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("memberIds").forEach(id -> members.add(id.asText()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        return members;
    }

    private Api.Response audit(Instant at, List<UUID> members) {
        return api().as(Api.AUDITOR).post("/api/v1/audit/campaigns", "{\"purpose\":\"newsletter\",\"at\":\"" + at
                + "\",\"memberIds\":[" + members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","))
                + "]}");
    }

    @Test
    void each_recipient_s_consent_at_the_moment_of_the_mailing_is_answered_with_its_evidence() {
        UUID granted = consenting();
        UUID withdrawn = consenting();
        UUID objected = consenting();
        UUID erased = consenting();
        tick();
        Instant beforeChanges = Instant.now();
        tick();
        assertThat(api().post("/api/v1/members/" + withdrawn + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isEqualTo(200);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + objected + "/objections", "{\"purpose\":\"newsletter\"}")
                .status()).isEqualTo(200);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + erased + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        UUID stranger = UUID.randomUUID();
        List<UUID> recipients = List.of(granted, withdrawn, objected, erased, stranger, granted);

        JsonNode now = await().atMost(Duration.ofSeconds(20)).until(() -> audit(Instant.now(), recipients).json(),
                a -> a.at("/summary/granted").asInt() == 1 && a.at("/summary/notGranted").asInt() == 3
                        && a.path("members").get(0).at("/evidence/0/leafIndex").isNumber());
        assertThat(now.at("/summary/unknown").asInt()).isEqualTo(1);
        assertThat(now.path("members")).as("a repeated id counts once").hasSize(5);
        JsonNode first = now.path("members").get(0);
        assertThat(first.path("memberId").asText()).isEqualTo(granted.toString());
        assertThat(first.path("status").asText()).isEqualTo("granted");
        assertThat(first.path("consentId").asText()).isNotBlank();
        assertThat(first.path("noticeVersion").asText()).isEqualTo(Notices.POLICY);
        assertThat(first.path("noticeSha256").asText()).isEqualTo(Notices.POLICY_SHA256);
        String eventId = first.at("/evidence/0/eventId").asText();
        JsonNode leaf = api().as(Api.AUDITOR).get("/api/v1/ledger/leaves?eventId=" + eventId).json().get(0);
        assertThat(first.at("/evidence/0/leafIndex").asLong()).isEqualTo(leaf.path("index").asLong());
        for (int i = 1; i < 4; i++) {
            assertThat(now.path("members").get(i).path("status").asText()).isEqualTo("not-granted");
            assertThat(now.path("members").get(i).path("consentId").isNull()).isTrue();
        }
        assertThat(now.path("members").get(4).path("status").asText()).isEqualTo("unknown");

        JsonNode before = audit(beforeChanges, recipients).json();
        assertThat(before.at("/summary/granted").asInt()).as("all four consented before the changes").isEqualTo(4);

        Api.Response csv = api().as(Api.AUDITOR).header("Accept", "text/csv").post("/api/v1/audit/campaigns",
                "{\"purpose\":\"newsletter\",\"at\":\"" + Instant.now() + "\",\"memberIds\":[\"" + granted + "\",\""
                        + stranger + "\"]}");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).hasSize(3);
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("memberId,status,granted,consentId");
        assertThat(csv.body()).contains(granted + ",granted,true").contains(stranger + ",unknown,false");
        assertThat(csv.header("X-Summary-Granted")).isEqualTo("1");

        List<String> audienceNow = audience(Instant.now());
        assertThat(audienceNow).contains(granted.toString())
                .doesNotContain(withdrawn.toString(), objected.toString(), erased.toString());
        assertThat(audience(beforeChanges)).contains(granted.toString(), withdrawn.toString(), objected.toString(),
                erased.toString());
    }

    @Test
    void a_campaign_audit_is_for_auditors_and_the_dpm_and_holds_at_most_ten_thousand_recipients() {
        List<UUID> tooMany = IntStream.range(0, 10_001).mapToObj(i -> UUID.randomUUID()).toList();
        Api.Response refused = audit(Instant.now(), tooMany);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode tenThousand = audit(Instant.now(), tooMany.subList(0, 10_000)).json();
        assertThat(tenThousand.at("/summary/unknown").asInt()).isEqualTo(10_000);
        assertThat(api().as(Api.PORTAL).post("/api/v1/audit/campaigns", "{\"purpose\":\"newsletter\",\"at\":\""
                + Instant.now() + "\",\"memberIds\":[\"" + UUID.randomUUID() + "\"]}").status()).isEqualTo(403);
        assertThat(api().as(Api.AUDITOR).post("/api/v1/audit/campaigns", "{\"purpose\":\"no-such-purpose\",\"at\":\""
                + Instant.now() + "\",\"memberIds\":[\"" + UUID.randomUUID() + "\"]}").status()).isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).post("/api/v1/audit/campaigns", "{\"purpose\":\"newsletter\",\"at\":\""
                + Instant.now() + "\",\"memberIds\":[]}").status()).isEqualTo(400);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/purposes/newsletter/audience").status()).isEqualTo(403);
        assertThat(api().get("/api/v1/purposes/no-such-purpose/audience").status()).isEqualTo(400);
    }
}
