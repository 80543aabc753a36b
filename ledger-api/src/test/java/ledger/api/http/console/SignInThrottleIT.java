package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.support.Api;
import ledger.api.support.ConsoleSession;
import ledger.api.support.IntegrationTest;

/**
 * A guesser at the console's token form: 10 wrong tokens a minute from one address, then 429 with
 * Retry-After for every attempt, the right token included, until the minute is over. On a node of
 * its own with application.yml's default (the shared test context allows more: every test signs
 * in from 127.0.0.1).
 */
class SignInThrottleIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void ten_wrong_tokens_a_minute_then_every_attempt_is_429_with_retry_after() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(LedgerApplication.class).run(
                fleetDirectories()[0], fleetDirectories()[1],
                "--server.port=0",
                "--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--ledger.master-key=" + TEST_MASTER_KEY)) {
            assertThat(node.getEnvironment().getProperty("ledger.console.sign-in-failures-per-minute"))
                    .as("the production default").isEqualTo("10");
            throttles(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        }
    }

    private void throttles(int port) {
        for (int i = 0; i < 10; i++) {
            HttpResponse<byte[]> refused = new ConsoleSession(port).signIn("wrong-token-" + i);
            assertThat(refused.statusCode()).as("wrong token %d", i).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/console/sign-in?refused");
        }

        HttpResponse<byte[]> throttled = new ConsoleSession(port).signIn("wrong-token-10");
        assertThat(throttled.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);

        ConsoleSession right = new ConsoleSession(port);
        assertThat(right.signIn(Api.DPM).statusCode()).as("not even the right token is compared").isEqualTo(429);
        assertThat(right.get("/console/dashboard").statusCode()).as("not signed in").isEqualTo(302);
    }
}
