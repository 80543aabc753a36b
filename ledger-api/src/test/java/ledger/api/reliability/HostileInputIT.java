package ledger.api.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Generated malformed and hostile requests get only 4xx answers and store nothing. CI runs
 * {@code ledger.hostile.requests} (default 2,000); the reliability command runs 10,000 and more.
 */
class HostileInputIT extends IntegrationTest {

    @Test
    void malformed_and_hostile_requests_get_only_4xx_and_store_nothing() {
        int requests = Integer.getInteger("ledger.hostile.requests", 2_000);
        long seed = Long.getLong("ledger.hostile.seed", 20261129L);
        UUID member = api().register(Api.uniqueUsername());
        long events = eventCount();
        Integer keys = jdbc.queryForObject("SELECT count(*) FROM data_key", Integer.class);
        HostileInput input = new HostileInput(seed, member);
        Map<String, Integer> statuses = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HostileInput.Request request = input.next();
            int status = api().sendBytes(request.method(), request.path(), request.body(), request.contentType())
                    .status();
            assertThat(status).as("request %d (%s, seed %d)", i, request.kind(), seed).isBetween(400, 499);
            statuses.merge(request.kind() + " -> " + status, 1, Integer::sum);
        }
        assertThat(eventCount()).as("nothing stored").isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key", Integer.class)).isEqualTo(keys);
        assertThat(statuses.keySet()).anyMatch(k -> k.endsWith("413")).anyMatch(k -> k.endsWith("415"))
                .anyMatch(k -> k.endsWith("400"));
        System.out.println("hostile input: " + requests + " requests, seed " + seed + ", answers " + statuses);
    }
}
