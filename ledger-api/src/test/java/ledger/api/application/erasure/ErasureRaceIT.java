package ledger.api.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.infrastructure.persistence.JdbcIdempotencyStore;
import ledger.api.support.Api;
import ledger.api.support.DatabaseScan;
import ledger.api.support.IntegrationTest;
import ledger.core.erasure.ShredFence;

/**
 * "Erased means gone", however requests interleave with the erasure: stored answers, read models
 * and late projection writes cannot bring a member's personal data back. The storm runs
 * {@code ledger.erasure-race.rounds} times (3 in CI; reliability/run asks for 20).
 */
@ExtendWith(OutputCaptureExtension.class)
class ErasureRaceIT extends IntegrationTest {

    private static final int ROUNDS = Integer.getInteger("ledger.erasure-race.rounds", 3);
    private static final int REQUESTS_PER_ROUND = 240;

    @Autowired
    JdbcIdempotencyStore idempotency;

    @Autowired
    ShredFence fence;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ProjectionReplay replay;

    @Test
    void a_replayed_profile_edit_answers_its_status_but_no_personal_data() {
        String marker = marker();
        UUID id = api().register(Api.uniqueUsername());
        String edit = "{\"company\":\"Company" + marker + "\"}";
        String key = "pe-" + UUID.randomUUID();
        Api.Response first = api().header("Idempotency-Key", key).patch("/api/v1/members/" + id + "/profile", edit);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains(marker);

        Api.Response replayed = api().header("Idempotency-Key", key).patch("/api/v1/members/" + id + "/profile", edit);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).doesNotContain(marker);
        assertThat(DatabaseScan.find(jdbc, marker, "idempotency_record")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT subject_id FROM idempotency_record WHERE key = ?", UUID.class, key))
                .as("tied to its subject").isEqualTo(id);

        // an answer of ids only is replayed as it was
        String registration = Api.registration(Api.uniqueUsername(), marker);
        Api.Response registered = api().header("Idempotency-Key", "rg-" + marker).post("/api/v1/members", registration);
        Api.Response again = api().header("Idempotency-Key", "rg-" + marker).post("/api/v1/members", registration);
        assertThat(again.body()).isEqualTo(registered.body());
        assertThat(again.header("Location")).isEqualTo(registered.header("Location"));
    }

    @Test
    void idempotency_records_expire_after_the_retention() {
        String key = "old-" + marker();
        assertThat(idempotency.reserve("portal:test", key, new byte[32], null)).isTrue();
        jdbc.update("UPDATE idempotency_record SET created_at = now() - interval '2 days' WHERE key = ?", key);
        assertThat(idempotency.deleteExpired()).isPositive();
        assertThat(idempotency.find("portal:test", key)).isEmpty();

        // an expired record does not block its key until the cleanup runs
        assertThat(idempotency.reserve("portal:test", key, new byte[32], null)).isTrue();
        jdbc.update("UPDATE idempotency_record SET created_at = now() - interval '2 days' WHERE key = ?", key);
        assertThat(idempotency.reserve("portal:test", key, new byte[32], null)).isTrue();
    }

    @Test
    void a_request_in_flight_during_the_erasure_stores_nothing_when_it_finishes() {
        UUID id = api().register(Api.uniqueUsername());
        String reserved = "fl-" + marker();
        String registering = "fr-" + marker();
        assertThat(idempotency.reserve("portal:test", reserved, new byte[32], id)).isTrue();
        assertThat(idempotency.reserve("portal:test", registering, new byte[32], null)).isTrue();

        erase(id);

        assertThat(idempotency.find("portal:test", reserved)).as("deleted by the erasure").isEmpty();
        idempotency.complete("portal:test", reserved, 200, "application/json", null, "{}".getBytes(), id);
        idempotency.complete("portal:test", registering, 201, "application/json", "/api/v1/members/" + id,
                "{}".getBytes(), id);
        assertThat(idempotency.find("portal:test", reserved)).isEmpty();
        assertThat(idempotency.find("portal:test", registering)).as("completed after the erasure").isEmpty();
    }

    @Test
    void a_read_model_write_in_flight_holds_off_the_erasure_and_is_purged_after_it() throws Exception {
        String marker = marker();
        UUID id = api().register(Api.uniqueUsername());
        awaitReadModelsCaughtUp(replay);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // a projection batch that decrypted the member before the shred and writes plaintext late
            Future<Boolean> lateWriter = threads.submit(() -> transactions.execute(tx -> {
                boolean shredded = fence.shreddedHolding(id);
                jdbc.update("UPDATE member_view SET company = ? WHERE member_id = ?", "Late" + marker, id);
                written.countDown();
                await(release);
                return shredded;
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Api.Response> erasure = threads.submit(() -> api().as(Api.DPM)
                    .post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}"));
            Thread.sleep(300);
            assertThat(erasure.isDone()).as("the erasure waits for the writer holding the key").isFalse();
            release.countDown();
            assertThat(lateWriter.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(erasure.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(DatabaseScan.find(jdbc, marker)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status FROM member_view WHERE member_id = ?", String.class, id))
                .isEqualTo("ERASED");
    }

    @Test
    void a_read_model_write_after_the_erasure_sees_the_shredded_key() {
        UUID id = api().register(Api.uniqueUsername());
        Boolean before = transactions.execute(tx -> fence.shreddedHolding(id));
        erase(id);
        Boolean after = transactions.execute(tx -> fence.shreddedHolding(id));
        assertThat(before).isFalse();
        assertThat(after).isTrue();
    }

    @Test
    void an_erased_member_consents_to_nothing() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\",\"channel\":\"email\"}").status())
                .isEqualTo(201);
        erase(id);
        JsonNode consents = api().as(Api.DPM).get("/api/v1/members/" + id).json().get("consents");
        assertThat(consents.size()).isEqualTo(2);
        consents.forEach(consent -> assertThat(consent.get("granted").asBoolean()).isFalse());

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT purpose FROM consent_history WHERE member_id = ? AND type = 'ERASED' ORDER BY purpose",
                String.class, id)).containsExactly("newsletter", "portal-membership"));
        // every purpose's last entry now closes it
        assertThat(jdbc.queryForList("SELECT DISTINCT ON (purpose) type FROM consent_history WHERE member_id = ?"
                + " ORDER BY purpose, seq DESC, id DESC", String.class, id)).containsOnly("ERASED");
        // an extract is an event of the member: refused once erased, so it can show no consent either
        assertThat(api().as(Api.DPM).get("/api/v1/members/" + id + "/register-extract").status()).isEqualTo(409);
    }

    @Test
    void erasure_amid_hundreds_of_concurrent_requests_leaves_no_personal_data_anywhere(CapturedOutput output)
            throws Exception {
        boolean pageInspect = pageInspectAvailable();
        for (int round = 1; round <= ROUNDS; round++) {
            storm(output, pageInspect, round);
        }
    }

    private void storm(CapturedOutput output, boolean pageInspect, int round) throws Exception {
        String marker = marker();
        Api.Response registered = api().header("Idempotency-Key", "reg-" + marker)
                .post("/api/v1/members", Api.registration("u" + marker.toLowerCase(), marker));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("memberId").asText());
        String member = "/api/v1/members/" + id;

        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
            String key = i % 2 == 0 ? "k" + i + "-" + UUID.randomUUID() : null;
            calls.add(switch (i % 6) {
                case 0 -> new Call("PATCH", member + "/profile", "{\"company\":\"Co" + i + marker + "\",\"email\":\"e"
                        + i + marker + "@example.org\"}", key);
                case 1 -> new Call("POST", member + "/downloads", "{\"documentId\":\"doc" + i + marker
                        + "\",\"title\":\"Title" + i + marker + "\"}", key);
                case 2 -> new Call("POST", member + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":"
                        + "\"2019-01-05\",\"channel\":\"email\"}", key);
                case 3 -> new Call("POST", member + "/consents/withdrawals", "{\"purposes\":[\"newsletter\"]}", key);
                case 4 -> new Call("GET", member, null, null);
                default -> new Call("GET", member + "/register-extract", null, null);
            });
        }
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> call.send(api()), clients));
                if (i == calls.size() / 3) {
                    answers.add(CompletableFuture.supplyAsync(() -> api().as(Api.DPM).post(member + "/erasure",
                            "{\"ground\":\"MEMBER_REQUEST\"}"), clients));
                }
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        for (CompletableFuture<Api.Response> answer : answers) {
            assertThat(answer.get().status()).as("never a server error: %s", answer.get()).isLessThan(500);
        }
        assertThat(api().as(Api.DPM).get(member).json().get("status").asText()).isEqualTo("ERASED");
        awaitReadModelsCaughtUp(replay);

        // an idempotent replay of every key used returns none of the member's data
        int replays = 0;
        for (Call call : calls) {
            if (call.key() != null) {
                assertThat(call.send(api()).body()).doesNotContainIgnoringCase(marker);
                replays++;
            }
        }
        assertThat(DatabaseScan.find(jdbc, marker)).as("live rows of every table").isEmpty();
        if (pageInspect) {
            // the erasure's VACUUM runs once the transactions older than the erasure have ended
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(deadTuplesWith(marker)).as("dead row versions").isEmpty());
        }
        assertThat(output.getAll()).doesNotContainIgnoringCase(marker);
        Map<Integer, Long> statuses = new TreeMap<>();
        for (CompletableFuture<Api.Response> answer : answers) {
            statuses.merge(answer.get().status(), 1L, Long::sum);
        }
        System.out.println("erasure race: round " + round + " of " + ROUNDS + ", " + answers.size()
                + " requests with the erasure, answers by status " + statuses + ", replays " + replays
                + ", no marker in any table" + (pageInspect ? " or dead tuple" : " (no pageinspect)")
                + " or the log");
    }

    /** Raw heap tuples, dead ones included, of every table an erasure purges or the projections write. */
    private List<String> deadTuplesWith(String marker) {
        String hex = HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8));
        List<String> hits = new ArrayList<>();
        for (String table : List.of("member_view", "member_view_download", "member_view_consent", "member_view_hold",
                "member_history", "consent_history", "idempotency_record", "username_claim", "data_key")) {
            Integer found = jdbc.queryForObject("SELECT count(*) FROM generate_series(0, (pg_relation_size(?::regclass)"
                    + " / current_setting('block_size')::int) - 1) AS page, LATERAL heap_page_items(get_raw_page(?,"
                    + " page::int)) AS item WHERE position(decode(?, 'hex') in item.t_data) > 0", Integer.class,
                    table, table, hex);
            if (found != null && found > 0) {
                hits.add(table);
            }
        }
        return hits;
    }

    private boolean pageInspectAvailable() {
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void erase(UUID id) {
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String marker() {
        return "Rc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private record Call(String method, String path, String body, String key) {

        Api.Response send(Api api) {
            if (key != null) {
                api.header("Idempotency-Key", key);
            }
            return "GET".equals(method) ? api.get(path) : api.send(method, path, body, "application/json");
        }
    }
}
