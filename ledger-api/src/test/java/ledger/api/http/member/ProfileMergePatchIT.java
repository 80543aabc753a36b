package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * A member removes an optional field with a JSON merge patch (RFC 7396): {@code "company": null}
 * removes it (before, {@code null} was ignored and {@code ""} refused, so it could not be removed);
 * a required field cannot be removed (400 naming it, nothing stored); values change as in a JSON edit.
 */
class ProfileMergePatchIT extends IntegrationTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private Api.Response patch(UUID member, String body) {
        return api().send("PATCH", "/api/v1/members/" + member + "/profile", body, MERGE_PATCH);
    }

    @Test
    void null_removes_the_company_and_the_event_names_the_field_only() {
        UUID member = api().register(Api.uniqueUsername());

        Api.Response removed = patch(member, "{\"company\":null}");

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("company").isNull()).as(removed.body()).isTrue();
        assertThat(storedEventTypes(member)).endsWith("ProfileFieldRemoved");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api().get("/api/v1/members/" + member).json().get("company").isNull()).isTrue());
    }

    @Test
    void a_removal_answers_a_rectification_request_and_recipients_are_told_the_field_s_name_only() {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        String request = api().as(Api.DPM).post("/api/v1/requests", "{\"memberId\":\"" + member
                + "\",\"type\":\"RECTIFICATION\",\"receivedAt\":\"" + java.time.Instant.now().minusSeconds(60)
                + "\"}").json().path("requestId").asText();
        assertThat(api().as(Api.DPM).post("/api/v1/requests/" + request + "/verification",
                "{\"method\":\"PORTAL_LOGIN\"}").status()).isEqualTo(200);

        assertThat(patch(member, "{\"company\":null}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var view = api().as(Api.DPM).get("/api/v1/requests/" + request).json();
            assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(view.path("resultingEventType").asText()).isEqualTo("ProfileFieldRemoved");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var notifications = api().as(Api.DPM).get("/api/v1/notifications?memberId=" + member).json();
            assertThat(notifications.findValuesAsText("kind")).contains("RECTIFICATION");
            assertThat(notifications.toString()).contains("company").doesNotContain("Company" + username);
        });
    }

    @Test
    void a_required_field_cannot_be_removed_and_nothing_is_stored() {
        UUID member = api().register(Api.uniqueUsername());
        long events = eventCount();

        for (String required : new String[] {"email", "givenName", "familyName", "username"}) {
            Api.Response refused = patch(member, "{\"" + required + "\":null}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:ledger:problem:field-required");
            assertThat(refused.json().path("errors").has(required)).as(refused.body()).isTrue();
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void values_change_as_in_a_json_edit_and_unknown_or_invalid_members_are_refused() {
        UUID member = api().register(Api.uniqueUsername());

        Api.Response changed = patch(member, "{\"company\":\"Merged Co\",\"givenName\":\"Augusta\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("company").asText()).isEqualTo("Merged Co");
        assertThat(changed.json().get("givenName").asText()).isEqualTo("Augusta");

        assertThat(patch(member, "{\"nickname\":\"x\"}").status()).isEqualTo(400);
        Api.Response invalid = patch(member, "{\"email\":\"not an e-mail\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").has("email")).as(invalid.body()).isTrue();
        assertThat(patch(member, "[]").status()).isEqualTo(400);
    }
}
