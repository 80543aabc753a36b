package ledger.api.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.NotificationReceiver;
import ledger.api.support.TimeTravel;

/**
 * "Kept while you use the portal and three months after you cease to use it": the portal reports use
 * (at most one event a day); 30 days before 24 months without use run out the member is warned and the
 * portal told; when they run out the membership ends as ceased, and erasure follows three months later.
 * Before, nothing recorded use and lapsed members were kept for ever.
 */
class InactivityIT extends IntegrationTest {

    private static final Period INACTIVITY = Period.ofMonths(24);
    private final NotificationReceiver receiver = NotificationReceiver.get();

    private static Duration ago(Period period, Duration adjust) {
        Instant now = Instant.now();
        return Duration.between(now.atZone(ZoneOffset.UTC).minus(period).toInstant(), now).plus(adjust);
    }

    private long count(UUID member, String type) {
        return storedEventTypes(member).stream().filter(type::equals).count();
    }

    @Test
    void the_portal_s_use_is_recorded_at_most_once_a_day_and_only_for_an_active_member() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/activity", null).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/members/" + member + "/activity", null).status()).isEqualTo(204);
        assertThat(count(member, "PortalUsed")).isEqualTo(1);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/activity", null).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/members/" + member + "/membership-end", "{\"reason\":\"CEASED_PARTNER\"}")
                .status()).isEqualTo(200);
        Api.Response ended = api().post("/api/v1/members/" + member + "/activity", null);
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.json().path("type").asText()).isEqualTo("urn:ledger:problem:membership-ended");
        assertThat(api().post("/api/v1/members/" + UUID.randomUUID() + "/activity", null).status()).isEqualTo(404);
    }

    @Test
    void thirty_days_before_the_period_runs_out_the_member_is_warned_and_the_portal_told() throws Exception {
        UUID member = TimeTravel.back(ago(INACTIVITY, Duration.ofDays(-29)), () -> api().register(Api.uniqueUsername()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(member, "InactivityWarned") == 1);
        assertThat(storedEventTypes(member)).doesNotContain("MembershipEnded");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about(member.toString()).stream()
                .anyMatch(r -> r.path().equals("/it-provider") && r.text().contains("inactivity-warning")));
        JsonNode told = new ObjectMapper().readTree(receiver.about(member.toString()).stream()
                .filter(r -> r.text().contains("inactivity-warning")).findFirst().orElseThrow().body());
        assertThat(told.path("type").asText()).isEqualTo("inactivity-warning");
        assertThat(Instant.parse(told.path("membershipEndsAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(27)))
                .isBefore(Instant.now().plus(Duration.ofDays(31)));
        assertThat(receiver.about(member.toString()).stream().filter(r -> r.text().contains("inactivity-warning"))
                .map(NotificationReceiver.Received::path)).as("only the recipient configured for it")
                .containsOnly("/it-provider");
    }

    @Test
    void when_the_period_runs_out_the_membership_ends_as_ceased_and_erasure_is_due_three_months_later() {
        UUID member = TimeTravel.back(ago(INACTIVITY, Duration.ofDays(1)), () -> api().register(Api.uniqueUsername()));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(member, "MembershipEnded") == 1);
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/api/v1/members/" + member).json(),
                v -> "ENDED".equals(v.path("status").asText()));
        Instant due = Instant.parse(view.path("erasureDueAt").asText());
        assertThat(due).isAfter(Instant.now().plus(Duration.ofDays(85))).isBefore(Instant.now().plus(Duration.ofDays(95)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%MembershipEnded' AND convert_from(payload, 'UTF8') LIKE '%INACTIVITY%'",
                Long.class, member.toString())).as("ended for inactivity").isEqualTo(1);
    }

    @Test
    void the_extract_states_the_inactivity_rule_in_words() {
        UUID member = api().register(Api.uniqueUsername());
        String extract = api().get("/api/v1/members/" + member + "/register-extract").body();
        assertThat(extract).contains("without activity for 24 months");
        assertThat(api().as(Api.DPM).get("/api/v1/register/processing-activities").body())
                .contains("without activity for 24 months");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    private int inactivityDeadlines(UUID member) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8')"
                + " in task_data) > 0 AND position(convert_to('membership-inactivity', 'UTF8') in task_data) > 0",
                Integer.class, member.toString());
        return count == null ? 0 : count;
    }

    @Test
    void a_member_registered_before_use_was_tracked_gets_the_inactivity_clock_at_start() throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(inactivityDeadlines(member)).as("registration arms the deadline and its warning").isEqualTo(2);
        // as a member registered while the rule was off: no deadline at all
        jdbc.update("DELETE FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                member.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(api().get("/api/v1/members/" + member)
                .json().path("status").asText()));
        // the start of this test context ran the job already: as on a database upgraded now
        jdbc.update("DELETE FROM ledger_once WHERE name = 'inactivity-clock-backfill'");
        context.getBean("inactivityClockBackfill", org.springframework.boot.ApplicationRunner.class).run(null);
        assertThat(inactivityDeadlines(member)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_once WHERE name = 'inactivity-clock-backfill'",
                Integer.class)).as("done once").isEqualTo(1);
        jdbc.update("DELETE FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                member.toString());
        context.getBean("inactivityClockBackfill", org.springframework.boot.ApplicationRunner.class).run(null);
        assertThat(inactivityDeadlines(member)).as("never again on this database").isZero();
    }
}
