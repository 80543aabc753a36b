package ledger.api.infrastructure.erasurejournal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ledger.api.reliability.NodeProcess;
import ledger.api.support.Api;
import ledger.api.support.DatabaseScan;

/**
 * "Erased means gone", across a restore: a {@code pg_dump} taken before an erasure is restored
 * and the node started again on the same erasure journal; before it serves its first request the
 * member and the contact case are erased again (keys shredded, read side purged, the erasure
 * recorded with the ground RESTORED_BACKUP), although the restored database still holds a legal
 * hold released after the dump; a member registered after the dump is skipped. Runs the packaged
 * jar on a PostgreSQL of its own; needs the PostgreSQL client tools (pg_dump, pg_restore).
 */
class RestoredBackupIT {

    private static final String MEMBER_SUPPORT = "member-support";

    @TempDir
    Path dir;

    @Test
    void a_database_restored_from_before_an_erasure_is_erased_again_before_the_first_request() throws Exception {
        Path pgDump = tool("pg_dump");
        Path pgRestore = tool("pg_restore");
        assumeTrue(pgDump != null && pgRestore != null,
                "pg_dump and pg_restore (PostgreSQL client 14 or later) are not on the PATH: the restore test needs them");
        String marker = "Rb" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path journal = dir.resolve("erasure-journal");
        String journalDir = "--ledger.erasure-journal.dir=" + journal;
        Path dump = dir.resolve("before-erasure.dump");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false).start()) {
            JdbcTemplate server = jdbc(postgres.getJdbcUrl("postgres", "postgres"));
            server.execute("CREATE DATABASE ledger");
            String url = postgres.getJdbcUrl("postgres", "ledger");
            int pgPort = postgres.getPort();

            UUID member;
            UUID contactCase;
            UUID later;
            Path firstLog = dir.resolve("restore-first-run.log");
            try (NodeProcess node = NodeProcess.start(url, firstLog, journalDir)) {
                Api portal = node.api();
                Api.Response registered = portal.post("/api/v1/members", Api.registration("user" + marker, marker));
                assertThat(registered.status()).isEqualTo(201);
                member = UUID.fromString(registered.json().get("memberId").asText());
                assertThat(portal.post("/api/v1/members/" + member + "/downloads",
                        "{\"documentId\":\"doc-" + marker + "\",\"title\":\"Title " + marker + "\"}").status())
                        .isEqualTo(201);
                contactCase = UUID.fromString(portal.post("/api/v1/contact-cases", "{\"name\":\"Name " + marker
                        + "\",\"email\":\"case" + marker + "@example.org\",\"message\":\"Message " + marker + "\"}")
                        .json().get("caseId").asText());
                Api.Response hold = node.api().as(Api.DPM).post("/api/v1/members/" + member + "/legal-holds",
                        "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"pending dispute\"}");
                assertThat(hold.status()).isEqualTo(201);
                UUID holdId = UUID.fromString(hold.json().get("holdId").asText());
                // the read side holds the member in the clear when the backup is taken
                Api.Response view = node.api().as(Api.DPM).header("X-Purpose", MEMBER_SUPPORT)
                        .get("/api/v1/members/" + member);
                assertThat(view.json().get("username").asText()).isEqualTo("user" + marker);
                assertThat(DatabaseScan.find(jdbc(url), marker)).isNotEmpty();

                run(pgDump.toString(), "-Fc", "-h", "localhost", "-p", Integer.toString(pgPort), "-U", "postgres",
                        "-f", dump.toString(), "ledger");

                // after the backup: the hold is released, the member and the case are erased, and a
                // member the backup never knew registers and is erased
                assertThat(node.api().as(Api.DPM).send("DELETE", "/api/v1/members/" + member + "/legal-holds/"
                        + holdId, null, null).status()).isEqualTo(204);
                assertThat(node.api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                        "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(200);
                assertThat(node.api().as(Api.DPM).post("/api/v1/contact-cases/" + contactCase + "/erasure", null)
                        .status()).isEqualTo(200);
                later = portal.register(Api.uniqueUsername());
                assertThat(node.api().as(Api.DPM).post("/api/v1/members/" + later + "/erasure",
                        "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(200);
            }
            assertThat(journalText(journal)).contains(member.toString(), contactCase.toString(), later.toString())
                    .doesNotContainIgnoringCase(marker);

            // the restore: a new database from the dump taken before the erasures
            server.execute("DROP DATABASE ledger WITH (FORCE)");
            server.execute("CREATE DATABASE ledger");
            run(pgRestore.toString(), "-h", "localhost", "-p", Integer.toString(pgPort), "-U", "postgres",
                    "--no-owner", "-d", "ledger", dump.toString());
            JdbcTemplate restored = jdbc(url);
            assertThat(restored.queryForObject("SELECT shredded_at IS NULL FROM data_key WHERE subject_id = ?",
                    Boolean.class, member)).as("the restore brought the member's key back").isTrue();
            assertThat(DatabaseScan.find(restored, marker)).as("and the member's data in the clear").isNotEmpty();

            Path secondLog = dir.resolve("restore-second-run.log");
            try (NodeProcess node = NodeProcess.launch(url, secondLog, journalDir)) {
                node.awaitListening(Duration.ofSeconds(120));

                // the port accepts connections; no request was sent yet, and the erasures are back
                JdbcTemplate db = jdbc(url);
                for (UUID subject : List.of(member, contactCase)) {
                    assertThat(db.queryForObject("SELECT shredded_at IS NOT NULL AND wrapped_key IS NULL FROM data_key"
                            + " WHERE subject_id = ?", Boolean.class, subject)).as("key of " + subject).isTrue();
                }
                assertThat(db.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type LIKE '%MemberErased'", String.class,
                        member.toString())).singleElement().asString().contains("\"RESTORED_BACKUP\"");
                assertThat(db.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type LIKE '%ContactCaseErased'", String.class,
                        contactCase.toString())).singleElement().asString().contains("\"RESTORED_BACKUP\"");
                assertThat(DatabaseScan.find(db, marker)).as("no personal data in the clear anywhere").isEmpty();
                assertThat(db.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Integer.class, later.toString())).as("a member the backup never had is skipped").isZero();
                assertThat(db.queryForObject("SELECT count(*) FROM data_key WHERE subject_id = ?", Integer.class,
                        later)).isZero();

                // the first request
                Api.Response view = node.api().as(Api.DPM).header("X-Purpose", MEMBER_SUPPORT)
                        .get("/api/v1/members/" + member);
                assertThat(view.status()).isEqualTo(200);
                JsonNode body = view.json();
                assertThat(body.get("status").asText()).isEqualTo("ERASED");
                for (String field : List.of("username", "givenName", "familyName", "company", "email")) {
                    assertThat(body.get(field).isNull()).as(field).isTrue();
                }

                // the DPM's list of erasures names the re-applied ones by their ground
                Api dpm = node.api().as(Api.DPM);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode erasures = dpm.get("/api/v1/erasures").json();
                    assertThat(erasures.findParents("subjectId")).filteredOn(r -> r.get("subjectId").asText()
                            .equals(member.toString()) || r.get("subjectId").asText().equals(contactCase.toString()))
                            .extracting(r -> r.get("ground").asText())
                            .containsExactly("RESTORED_BACKUP", "RESTORED_BACKUP");
                });
            }
            String second = Files.readString(secondLog, StandardCharsets.UTF_8);
            int replayed = second.indexOf("Erasure journal:");
            assertThat(replayed).as("the journal was re-applied").isNotNegative();
            assertThat(second.substring(replayed)).contains("2 erasures re-applied", "1 of subjects this database never had");
            assertThat(second.indexOf("Tomcat started on port")).as("before the web server started")
                    .isGreaterThan(replayed);
            assertThat(Files.readString(firstLog, StandardCharsets.UTF_8) + second).doesNotContainIgnoringCase(marker);
        }
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "", true));
    }

    private static String journalText(Path journal) throws Exception {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(journal)) {
            for (Path file : files.sorted().toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private void run(String... command) throws Exception {
        Path output = Files.createTempFile(dir, "tool", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(command[0] + ": " + Files.readString(output)).isZero();
    }

    /** The tool on the PATH, if it is a PostgreSQL client of major version 14 or later. */
    private static Path tool(String name) throws Exception {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry, name));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                Process version = new ProcessBuilder(candidate.toString(), "--version").redirectErrorStream(true).start();
                String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                version.waitFor(10, TimeUnit.SECONDS);
                java.util.regex.Matcher major = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(text);
                if (major.find() && Integer.parseInt(major.group(1)) >= 14) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
