package ledger.api.infrastructure.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The Grafana dashboard and the Prometheus alert rules in deploy/ name only metrics the service
 * exports: every name in deploy/metrics-used.txt (kept beside them, checked by .ci/check-deploy
 * to be all they use) appears in the running service's scrape once it has done some work.
 */
class DeployedMetricsIT extends IntegrationTest {

    private static final Path USED = Path.of("..", "deploy", "metrics-used.txt");

    @Test
    void every_metric_the_dashboard_and_the_alert_rules_name_is_exported() throws Exception {
        List<String> used = Files.readAllLines(USED).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(used).isNotEmpty();
        // work that makes the lazily registered meters appear: commands, an erasure, a verification
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        assertThat(api().as(Api.AUDITOR).post("/api/v1/ledger/verification", null).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = api().as(Api.ADMIN).get("/actuator/prometheus").body();
            for (String metric : used) {
                assertThat(Pattern.compile("(?m)^" + Pattern.quote(metric) + "[{ ]").matcher(scrape).find())
                        .as("%s is exported", metric).isTrue();
            }
        });
    }
}
