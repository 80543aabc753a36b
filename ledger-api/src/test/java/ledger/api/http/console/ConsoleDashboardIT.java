package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import ledger.api.support.Api;
import ledger.api.support.ConsoleSession;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TimeTravel;

/**
 * The DPM's dashboard lists the ended memberships whose retention erasure falls due within
 * ledger.console.erasure-horizon (P30D), and only those: retention is three months after the end
 * (application.yml), so a membership ended 75 days ago (time travel on the event clock) falls due in
 * about two weeks, one ended 40 days ago in about seven weeks.
 */
class ConsoleDashboardIT extends IntegrationTest {

    private static final Pattern CARD = Pattern.compile(
            "<span class=\"count\">(\\d+)</span> erasures due in <span>30</span> days");

    private UUID endedAgo(Duration ago) {
        return TimeTravel.back(ago, () -> {
            UUID id = api().register(Api.uniqueUsername());
            assertThat(api().post("/api/v1/members/" + id + "/membership-end", "{\"reason\":\"CEASED_PARTNER\"}")
                    .status()).isEqualTo(200);
            return id;
        });
    }

    /** The dashboard's table of erasures due, from its heading to the next one. */
    private static String erasuresDue(String page) {
        int start = page.indexOf("<h2>Erasures due in the next <span>30</span> days</h2>");
        assertThat(start).as("the dashboard has the erasures' section").isNotNegative();
        int end = page.indexOf("<h2>", start + 4);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void links_are_rendered_without_a_lookup_among_the_static_resources_and_the_script_is_still_served() {
        // the resource chain's URL encoding looked every th:href up in the nested jar's resources while rendering
        assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
        Api.Response script = api().get("/console/webjars/htmx.org/dist/htmx.min.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("htmx");
    }

    @Test
    void an_erasure_due_within_thirty_days_is_listed_and_one_further_away_is_not() {
        UUID soon = endedAgo(Duration.ofDays(75));
        UUID later = endedAgo(Duration.ofDays(40));
        UUID active = api().register(Api.uniqueUsername());
        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        // the read model is eventual
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String page = ConsoleSession.text(dpm.get("/console/dashboard"));
            String section = erasuresDue(page);
            assertThat(section).contains(">" + soon + "</a>");
            Matcher card = CARD.matcher(page);
            assertThat(card.find()).as("the card").isTrue();
            assertThat(Integer.parseInt(card.group(1))).isPositive();
        });
        String section = erasuresDue(ConsoleSession.text(dpm.get("/console/dashboard")));
        assertThat(section).doesNotContain(later.toString()).doesNotContain(active.toString());
        // the row: the member, the due date in words, not held
        assertThat(section).containsPattern("(?s)>" + soon + "</a></td>\\s*<td>\\d{1,2} [A-Z][a-z]+ \\d{4}, "
                + "\\d{2}:\\d{2} UTC</td><td>no</td>");
        // and the later one is in the read model with its date, only beyond the horizon
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT erasure_due_at IS NOT NULL FROM member_view WHERE member_id = ?", Boolean.class, later));
    }
}
