package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Concurrent commands lose no event and never answer 500. */
class ConcurrentCommandsIT extends IntegrationTest {

    @Test
    void concurrent_commands_on_one_member_lose_no_event() throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String body = "{\"documentId\":\"doc-" + i + "\"}";
            answers.add(pool.submit(() -> api().post("/api/v1/members/" + member + "/downloads", body).status()));
        }
        int accepted = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get();
            assertThat(status).isIn(201, 409);
            if (status == 201) {
                accepted++;
            }
        }
        pool.shutdown();
        List<Long> sequences = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, member.toString());
        long downloads = storedEventTypes(member).stream().filter("DocumentDownloaded"::equals).count();
        assertThat(downloads).isEqualTo(accepted);
        assertThat(accepted).isGreaterThan(0);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo((long) i);
        }
    }

    @Test
    void of_two_concurrent_registrations_of_one_username_exactly_one_wins() throws Exception {
        String username = Api.uniqueUsername();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String marker = "C" + i;
            answers.add(pool.submit(() -> api().post("/api/v1/members", Api.registration(username, marker)).status()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
    }
}
