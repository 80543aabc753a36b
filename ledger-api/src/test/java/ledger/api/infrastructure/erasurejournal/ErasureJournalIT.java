package ledger.api.infrastructure.erasurejournal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.spring.config.SpringAxonConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.infrastructure.erasurejournal.ErasureJournalReplay;
import ledger.api.infrastructure.erasurejournal.FileErasureJournal;
import ledger.api.support.Api;
import ledger.api.support.DatabaseScan;
import ledger.api.support.IntegrationTest;

/**
 * Every erasure is journaled outside the database (write-ahead, then its outcome), and the
 * journal is re-applied at start, after Axon and before the web server: a committed erasure the
 * database does not know is carried out again, past a legal hold; a subject the database never
 * had is skipped; an erasure that never committed is left alone.
 */
class ErasureJournalIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    FileErasureJournal journal;

    @Autowired
    ErasureJournalReplay replay;

    @Autowired
    ApplicationContext context;

    private List<JsonNode> journalLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(journal.directory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    private List<JsonNode> linesOf(List<JsonNode> lines, String entry) {
        return lines.stream().filter(l -> entry.equals(l.path("entry").asText())).toList();
    }

    private String marker() {
        return "Jm" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private UUID register(String marker) {
        Api.Response registered = api().post("/api/v1/members", Api.registration("user" + marker, marker));
        assertThat(registered.status()).isEqualTo(201);
        return UUID.fromString(registered.json().get("memberId").asText());
    }

    private String status(UUID member) {
        return api().as(Api.DPM).get("/api/v1/members/" + member).json().get("status").asText();
    }

    @Test
    void an_erasure_is_journaled_write_ahead_then_committed_with_ids_ground_and_times_only() throws Exception {
        String marker = marker();
        UUID member = register(marker);
        Api.Response receipt = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"OBJECTION\"}");
        assertThat(receipt.status()).isEqualTo(200);
        UUID contactCase = UUID.fromString(api().post("/api/v1/contact-cases", "{\"name\":\"N" + marker
                + "\",\"email\":\"c" + marker + "@example.org\",\"message\":\"M" + marker + "\"}").json()
                .get("caseId").asText());
        assertThat(api().as(Api.DPM).post("/api/v1/contact-cases/" + contactCase + "/erasure", null).status())
                .isEqualTo(200);

        List<JsonNode> lines = journalLines();
        JsonNode prepared = lines.stream().filter(l -> member.toString().equals(l.path("subject").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("the member's erasure is not journaled"));
        assertThat(prepared.get("state").asText()).isEqualTo("prepared");
        assertThat(prepared.get("subjectType").asText()).isEqualTo("MEMBER");
        assertThat(prepared.get("keyId").asText()).isEqualTo(member.toString());
        assertThat(prepared.get("ground").asText()).isEqualTo("OBJECTION");
        assertThat(prepared.get("erasedAt").asText()).isEqualTo(receipt.json().get("erasedAt").asText());
        List<JsonNode> entry = linesOf(lines, prepared.get("entry").asText());
        assertThat(entry).extracting(l -> l.get("state").asText()).containsExactly("prepared", "committed");
        assertThat(entry.get(1).get("source").asText()).isEqualTo("transaction");
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("subject").asText()).isEqualTo(contactCase.toString());
            assertThat(l.path("subjectType").asText()).isEqualTo("CONTACT_CASE");
        });

        try (Stream<Path> files = Files.list(journal.directory())) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                        .doesNotContainIgnoringCase(marker);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.directory())))
                .isEqualTo("rwx------");
    }

    /**
     * The journal's directory replaced by a file (so that root, too, cannot write it): an erasure is
     * 503 with Retry-After and changes nothing, readiness is down naming the journal, the metric
     * says so; once the directory is back, the node is ready and the erasure goes through.
     */
    @Test
    void an_unwritable_journal_refuses_erasures_with_503_and_makes_the_node_not_ready_until_it_is_writable()
            throws Exception {
        UUID member = register(marker());
        long events = eventCount();
        Path dir = journal.directory();
        Path away = dir.resolveSibling(dir.getFileName() + ".away-" + UUID.randomUUID());
        Files.move(dir, away);
        Files.createFile(dir);
        try {
            Api.Response refused = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                    "{\"ground\":\"MEMBER_REQUEST\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:ledger:problem:erasure-journal-unavailable");
            assertThat(eventCount()).as("nothing of the erasure stored").isEqualTo(events);
            assertThat(status(member)).isEqualTo("ACTIVE");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ? AND wrapped_key IS NOT NULL", Long.class, member))
                    .as("the key is not shredded").isEqualTo(1L);

            Api.Response readiness = api().as(Api.ADMIN).get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("components").path("erasureJournal").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(api().as(Api.ADMIN).get("/actuator/prometheus").body())
                    .contains("ledger_erasure_journal_writable 0.0");
        } finally {
            Files.delete(dir);
            Files.move(away, dir);
        }
        assertThat(api().as(Api.ADMIN).get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api().as(Api.ADMIN).get("/actuator/prometheus").body())
                .contains("ledger_erasure_journal_writable 1.0");
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void no_caller_may_erase_on_the_ground_reserved_for_re_applied_erasures() {
        UUID member = register(marker());
        Api.Response refused = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"RESTORED_BACKUP\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:ledger:problem:reserved-erasure-ground");
        assertThat(status(member)).isEqualTo("ACTIVE");
        assertThat(api().as(Api.DPM).post("/api/v1/contact-cases/" + UUID.randomUUID() + "/erasure",
                "{\"ground\":\"RESTORED_BACKUP\"}").status()).isEqualTo(400);
    }

    @Test
    void the_journal_is_re_applied_after_axon_started_and_before_the_web_server_serves() {
        int axon = context.getBeansOfType(SpringAxonConfiguration.class).values().stream()
                .mapToInt(SmartLifecycle::getPhase).findFirst().orElseThrow();
        int webServer = context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(l -> l.getClass().getSimpleName().equals("WebServerStartStopLifecycle"))
                .mapToInt(SmartLifecycle::getPhase).findFirst().orElseThrow();
        assertThat(replay.getPhase()).isGreaterThan(axon).isLessThan(webServer);
        assertThat(replay.isRunning()).isTrue();
    }

    @Test
    void a_committed_erasure_the_database_does_not_know_is_re_applied_and_only_that() throws Exception {
        // B: the journal says erased, this database does not (as after a restore); a hold stands
        String markerB = marker();
        UUID b = register(markerB);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + b + "/legal-holds",
                "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"dispute\"}").status()).isEqualTo(201);
        // C: a write-ahead line whose transaction never committed
        UUID c = register(marker());
        // D: erased here, but its outcome line was lost
        UUID d = register(marker());
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + d + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        UUID unknown = UUID.randomUUID();
        UUID entryB = UUID.randomUUID();
        UUID entryC = UUID.randomUUID();
        UUID entryD = UUID.randomUUID();
        UUID entryUnknown = UUID.randomUUID();
        Path file = journal.directory().resolve("erasures-" + UUID.randomUUID() + ".jsonl");
        Files.writeString(file, String.join("\n",
                prepared(entryB, b), outcome(entryB, "committed"),
                prepared(entryUnknown, unknown), outcome(entryUnknown, "committed"),
                prepared(entryC, c),
                prepared(entryD, d)) + "\n");

        ErasureJournalReplay.Result result = replay.replay();

        assertThat(result.reapplied()).isGreaterThanOrEqualTo(1);
        assertThat(result.neverHad()).isGreaterThanOrEqualTo(1);
        assertThat(status(b)).isEqualTo("ERASED");
        assertThat(storedEventTypes(b)).endsWith("MemberErased");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE '%MemberErased'", String.class, b.toString()))
                .contains("RESTORED_BACKUP");
        assertThat(jdbc.queryForObject("SELECT shredded_at IS NOT NULL FROM data_key WHERE subject_id = ?",
                Boolean.class, b)).isTrue();
        assertThat(DatabaseScan.find(jdbc, markerB)).isEmpty();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, unknown.toString())).as("a subject this database never had").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Integer.class, unknown))
                .isZero();

        assertThat(status(c)).as("an erasure that never committed").isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("SELECT shredded_at IS NULL FROM data_key WHERE subject_id = ?",
                Boolean.class, c)).isTrue();

        List<JsonNode> lines = journalLines();
        assertThat(linesOf(lines, entryD.toString())).extracting(l -> l.get("state").asText() + "/" + l.path("source")
                .asText()).containsExactlyInAnyOrder("prepared/", "committed/start");
        assertThat(linesOf(lines, entryC.toString())).extracting(l -> l.get("state").asText())
                .containsExactly("prepared");

        ErasureJournalReplay.Result again = replay.replay();
        assertThat(storedEventTypes(b).stream().filter("MemberErased"::equals).count())
                .as("a repeated start re-applies nothing twice").isEqualTo(1);
        assertThat(again.resolved()).isZero();
    }

    private static String prepared(UUID entry, UUID subject) {
        return "{\"v\":1,\"entry\":\"" + entry + "\",\"state\":\"prepared\",\"subjectType\":\"MEMBER\",\"subject\":\""
                + subject + "\",\"keyId\":\"" + subject + "\",\"ground\":\"MEMBER_REQUEST\","
                + "\"erasedAt\":\"2026-01-01T00:00:00Z\",\"at\":\"2026-01-01T00:00:00Z\"}";
    }

    private static String outcome(UUID entry, String state) {
        return "{\"v\":1,\"entry\":\"" + entry + "\",\"state\":\"" + state + "\",\"at\":\"2026-01-01T00:00:00Z\"}";
    }
}
