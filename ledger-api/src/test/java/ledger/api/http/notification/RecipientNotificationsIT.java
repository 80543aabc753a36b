package ledger.api.http.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.NotificationReceiver;
import ledger.api.support.NotificationReceiver.Received;

/**
 * Art. 19 against a local HTTP receiver: recipients that received a member's data are told of its
 * rectification, erasure and restriction through the transactional outbox, in a JSON POST signed
 * with HMAC-SHA256, retried with backoff; every delivery and acknowledgement is visible to the DPM.
 */
class RecipientNotificationsIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final NotificationReceiver receiver = NotificationReceiver.get();

    private Api dpm() {
        return api().as(Api.DPM);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private List<Received> awaitReceived(UUID member, String path, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.about(member.toString()).stream()
                .filter(r -> r.path().equals(path)).count() >= count);
        return receiver.about(member.toString()).stream().filter(r -> r.path().equals(path)).toList();
    }

    private JsonNode notifications(UUID member) {
        return dpm().get("/api/v1/notifications?memberId=" + member).json();
    }

    @Test
    void a_withdrawal_and_an_objection_reach_every_processor_of_their_purpose_signed_and_without_personal_data()
            throws Exception {
        String username = Api.uniqueUsername();
        UUID withdrawing = api().register(username);
        assertThat(api().post("/api/v1/members/" + withdrawing + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + withdrawing + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isEqualTo(200);

        Received told = awaitReceived(withdrawing, "/newsletter", 1).get(0);
        JsonNode body = JSON.readTree(told.body());
        assertThat(body.path("type").asText()).isEqualTo("consent-withdrawn");
        assertThat(body.path("purpose").asText()).isEqualTo("newsletter");
        assertThat(body.path("memberId").asText()).isEqualTo(withdrawing.toString());
        assertThat(told.header("X-Ledger-Signature")).isEqualTo(hmac(NEWSLETTER_SECRET, told.body()));
        assertThat(told.text()).doesNotContain(username);
        // the IT service provider processes for the newsletter too: it is told as well
        assertThat(JSON.readTree(awaitReceived(withdrawing, "/it-provider", 1).get(0).body()).path("type").asText())
                .isEqualTo("consent-withdrawn");

        UUID objecting = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + objecting + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(dpm().post("/api/v1/members/" + objecting + "/objections", "{\"purpose\":\"newsletter\"}")
                .status()).isEqualTo(200);
        List<String> types = new java.util.ArrayList<>();
        for (Received received : awaitReceived(objecting, "/newsletter", 2)) {
            types.add(JSON.readTree(received.body()).path("type").asText());
        }
        assertThat(types).containsExactlyInAnyOrder("objection", "consent-withdrawn");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(notifications(objecting)
                .findValuesAsText("kind")).contains("objection", "consent-withdrawn"));
    }

    @Test
    void a_rectification_is_told_signed_to_every_recipient_that_received_the_members_data_and_no_value_with_it()
            throws Exception {
        String marker = "Nt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UUID portalOnly = api().register(Api.uniqueUsername());
        UUID subscriber = api().register(Api.uniqueUsername());
        api().post("/api/v1/members/" + subscriber + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}");

        assertThat(api().patch("/api/v1/members/" + portalOnly + "/profile",
                "{\"email\":\"" + marker + "@example.org\"}").status()).isEqualTo(200);
        assertThat(dpm().patch("/api/v1/members/" + subscriber + "/profile",
                "{\"company\":\"" + marker + " Ltd\",\"givenName\":\"" + marker + "\"}").status()).isEqualTo(200);

        Received told = awaitReceived(portalOnly, "/it-provider", 1).get(0);
        JsonNode body = JSON.readTree(told.body());
        assertThat(body.path("type").asText()).isEqualTo("RECTIFICATION");
        assertThat(body.path("memberId").asText()).isEqualTo(portalOnly.toString());
        assertThat(body.path("fields").toString()).isEqualTo("[\"email\"]");
        assertThat(body.path("article").asText()).isEqualTo("GDPR Art. 19");
        assertThat(told.header("Content-Type")).startsWith("application/json");
        assertThat(told.header("X-Ledger-Signature")).isEqualTo(hmac(IT_PROVIDER_SECRET, told.body()))
                .isNotEqualTo(hmac(NEWSLETTER_SECRET, told.body()));
        assertThat(told.header("X-Ledger-Notification")).isEqualTo(body.path("notificationId").asText());
        assertThat(told.text()).doesNotContain(marker);

        List<Received> both = awaitReceived(subscriber, "/newsletter", 1);
        assertThat(both.get(0).header("X-Ledger-Signature")).isEqualTo(hmac(NEWSLETTER_SECRET, both.get(0).body()));
        assertThat(JSON.readTree(both.get(0).body()).path("fields").toString())
                .isEqualTo("[\"givenName\",\"company\"]");
        assertThat(awaitReceived(subscriber, "/it-provider", 1)).hasSize(1);
        assertThat(receiver.about(portalOnly.toString())).as("the newsletter service never had this member's data")
                .noneMatch(r -> r.path().equals("/newsletter"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode listed = notifications(subscriber);
            assertThat(listed).hasSize(2);
            for (JsonNode notification : listed) {
                assertThat(notification.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(notification.path("attempts").asInt()).isEqualTo(1);
                assertThat(notification.path("acknowledgedAt").isNull()).isFalse();
                assertThat(notification.path("kind").asText()).isEqualTo("RECTIFICATION");
            }
        });
        String id = notifications(subscriber).get(0).path("notificationId").asText();
        JsonNode detail = dpm().get("/api/v1/notifications/" + id).json();
        assertThat(detail.at("/deliveries/0/outcome").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(detail.at("/deliveries/0/httpStatus").asInt()).isEqualTo(200);
        assertThat(dpm().get("/api/v1/notifications/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(dpm().get("/api/v1/notifications?status=lost").status()).isEqualTo(400);
        assertThat(dpm().get("/api/v1/notifications").body()).doesNotContain(marker);
        // the secrets and endpoints are never shown
        for (String shown : List.of(dpm().get("/api/v1/register/processing-activities").body(),
                dpm().get("/api/v1/members/" + portalOnly + "/register-extract").body())) {
            assertThat(shown).doesNotContain(IT_PROVIDER_SECRET, NEWSLETTER_SECRET, "notify", "127.0.0.1");
        }
    }

    @Test
    void a_restriction_its_lifting_and_an_erasure_are_told_and_a_failed_delivery_is_retried_with_backoff() {
        UUID member = api().register(Api.uniqueUsername());
        receiver.fail(member.toString(), 2, 503);
        assertThat(dpm().post("/api/v1/members/" + member + "/restriction", "{\"ground\":\"LEGAL_CLAIMS\"}")
                .status()).isEqualTo(200);

        List<Received> attempts = awaitReceived(member, "/it-provider", 3);
        assertThat(attempts).extracting(Received::answered).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(r -> r.header("X-Ledger-Attempt")).containsExactly("1", "2", "3");
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(250));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).as("the backoff doubles")
                .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(attempts).extracting(Received::text).allMatch(t -> t.contains("\"RESTRICTION\""));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode notification = notifications(member).get(0);
            assertThat(notification.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(notification.path("attempts").asInt()).isEqualTo(3);
        });
        JsonNode detail = dpm().get("/api/v1/notifications/" + notifications(member).get(0).path("notificationId")
                .asText()).json();
        assertThat(detail.path("deliveries").findValuesAsText("outcome"))
                .containsExactly("REJECTED", "REJECTED", "ACKNOWLEDGED");
        assertThat(detail.at("/deliveries/0/httpStatus").asInt()).isEqualTo(503);

        assertThat(dpm().send("DELETE", "/api/v1/members/" + member + "/restriction", null, null).status())
                .isEqualTo(204);
        assertThat(dpm().post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.about(member.toString()).stream()
                .filter(r -> r.path().equals("/it-provider")).map(Received::text)
                .anyMatch(t -> t.contains("\"ERASURE\"")));
        assertThat(receiver.about(member.toString())).extracting(Received::text)
                .anyMatch(t -> t.contains("\"RESTRICTION_LIFTED\""));
    }

    @Test
    void a_recipient_that_never_acknowledges_is_given_up_after_the_last_attempt_and_shown_failed() {
        UUID member = api().register(Api.uniqueUsername());
        receiver.fail(member.toString(), 100, 500);
        api().patch("/api/v1/members/" + member + "/profile", "{\"familyName\":\"Other\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode notification = notifications(member).get(0);
            assertThat(notification.path("status").asText()).isEqualTo("FAILED");
            assertThat(notification.path("attempts").asInt()).isEqualTo(4);
        });
        assertThat(receiver.about(member.toString())).hasSize(4);
        assertThat(dpm().get("/api/v1/notifications?status=failed&memberId=" + member).json()).hasSize(1);
        assertThat(dpm().get("/api/v1/notifications?status=delivered&memberId=" + member).json()).isEmpty();
    }

    @Test
    void a_change_that_is_not_stored_tells_no_one_and_each_stored_change_is_told_once() throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().patch("/api/v1/members/" + member + "/profile", "{\"username\":\"someone-else\"}").status())
                .isEqualTo(422);
        String current = api().get("/api/v1/members/" + member).json().path("company").asText();
        assertThat(api().patch("/api/v1/members/" + member + "/profile",
                "{\"company\":\"" + current + "\"}").status()).as("no change, no event").isEqualTo(200);
        assertThat(api().patch("/api/v1/members/" + member + "/profile", "{\"company\":\"Changed\"}").status())
                .isEqualTo(200);

        awaitReceived(member, "/it-provider", 1);
        Thread.sleep(500);
        assertThat(receiver.about(member.toString())).hasSize(1);
        assertThat(storedEventTypes(member).stream().filter("ProfileEdited"::equals).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE member_id = ?", Integer.class,
                member)).isEqualTo(1);
    }
}
