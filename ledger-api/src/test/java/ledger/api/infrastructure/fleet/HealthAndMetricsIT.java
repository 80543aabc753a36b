package ledger.api.infrastructure.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Liveness, readiness and Prometheus metrics, with no personal data in any tag. */
class HealthAndMetricsIT extends IntegrationTest {

    @Test
    void liveness_and_readiness_are_up_for_anyone() {
        Api.Response live = api().as(null).get("/actuator/health/liveness");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("\"UP\"");
        Api.Response ready = api().as(null).get("/actuator/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
    }

    @Test
    void prometheus_shows_command_and_processor_metrics_and_erasures_without_personal_data() {
        String marker = "Mt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UUID id = api().register("user" + marker);
        api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Api.Response metrics = api().as(Api.ADMIN).get("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            String body = metrics.body();
            assertThat(body).contains("ledger_erasures_total{automatic=\"false\",ground=\"MEMBER_REQUEST\",subject=\"member\"}");
            assertThat(body).contains("ledger_processor_lag_events{processor=\"member-view\"}");
            // Axon's meters, one set per bus and per processor (non-dimensional, see application.yml)
            assertThat(body).contains("commandBus_successCounter_total");
            assertThat(body).contains("member_view_processedCounter_total");
            // their timers keep count, sum and max but compute no percentiles in the service (MetricsConfiguration)
            assertThat(body).contains("commandBus_successTimer_seconds_count");
            assertThat(body.lines().filter(line -> line.contains("Timer_seconds{quantile="))).isEmpty();
            // nor Axon's capacity gauges, which walk ten minutes of handled messages on every scrape
            assertThat(body).contains("member_view_latency");
            assertThat(body.lines().filter(line -> line.matches("^[A-Za-z_]+_capacity[ {].*"))).isEmpty();
            assertThat(body).doesNotContainIgnoringCase(marker);
        });
        assertThat(api().get("/actuator/prometheus").status()).isEqualTo(403);
    }
}
