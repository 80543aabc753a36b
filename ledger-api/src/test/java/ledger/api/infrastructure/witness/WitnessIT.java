package ledger.api.infrastructure.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.infrastructure.log.CheckpointFiles;
import ledger.api.infrastructure.monitor.MonitorCommand;
import ledger.api.infrastructure.witness.WitnessCommand;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.LedgerNode;
import ledger.core.log.AddCheckpoint;
import ledger.core.log.Checkpoint;
import ledger.core.log.Cosignatures;
import ledger.core.log.Cosigner;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Witness;

/**
 * The witnessed log, from outside: the project's witness answers C2SP tlog-witness's add-checkpoint as
 * the spec says; a ledger node gathers cosignatures and serves them; an operator who throws away the
 * database and the checkpoint directory and builds another history under the same key gets no
 * cosignature for it, and the monitor stops with both checkpoints. The cosigned checkpoint is checked
 * by an implementation of the C2SP specs apart from ours (Python's {@code cryptography}).
 */
class WitnessIT extends IntegrationTest {

    private static final String WITNESS = "witness.test/w1";

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private String logVerifierKey(int port) {
        return new Api(port).as(Api.AUDITOR).get("/api/v1/ledger/public-key").body().strip();
    }

    private Map<String, String> witnessEnv(String logKey, Path state) throws IOException {
        Path logs = Files.writeString(dir.resolve("logs-" + UUID.randomUUID()), "# the ledger under test\n" + logKey + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_WITNESS_NAME", WITNESS);
        env.put("LEDGER_WITNESS_KEY_FILE", state.resolveSibling(state.getFileName() + ".key").toString());
        env.put("LEDGER_WITNESS_LOGS", logs.toString());
        env.put("LEDGER_WITNESS_STATE_DIR", state.toString());
        env.put("SERVER_PORT", "0");
        return env;
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer add(int witnessPort, AddCheckpoint request) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + witnessPort + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(request.format())).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static String served(Api api) {
        Api.Response response = api.as(Api.AUDITOR).get("/api/v1/ledger/checkpoint");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static Checkpoint body(String note) {
        return Checkpoint.parse(note.substring(0, note.lastIndexOf("\n\n") + 1));
    }

    private static List<byte[]> consistency(Api api, long first, long second) {
        JsonNode proof = api.as(Api.AUDITOR).get("/api/v1/ledger/proofs/consistency?first=" + first + "&second="
                + second).json();
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    /** The log key itself, as an operator who forks the log holds it. */
    private static NoteSigner logSigner(String origin) {
        return new NoteSigner(origin, Base64.getDecoder().decode(TEST_SIGNING_KEY));
    }

    private static byte[] randomRoot() {
        byte[] root = new byte[32];
        new java.security.SecureRandom().nextBytes(root);
        return root;
    }

    /** Registers members until the log's latest checkpoint is larger than {@code size}; answers it. */
    private static String checkpointLargerThan(Api api, long size) {
        api.register(Api.uniqueUsername());
        await().atMost(Duration.ofSeconds(30)).until(() -> body(served(api)).treeSize() > size);
        return served(api);
    }

    @Test
    void the_witness_answers_add_checkpoint_one_status_at_a_time_and_keeps_its_state_across_restarts()
            throws Exception {
        String logKey = logVerifierKey(port);
        String origin = NoteVerifier.parse(logKey).keyName();
        Path state = dir.resolve("witness-state");
        Map<String, String> env = witnessEnv(logKey, state);
        String first = checkpointLargerThan(api(), 0);
        Checkpoint a = body(first);
        String witnessKey;
        try (WitnessCommand.Running witness = WitnessCommand.start(env, new PrintStream(new ByteArrayOutputStream()))) {
            witnessKey = witness.verifierKey();
            int p = witness.port();
            Answer cosigned = add(p, new AddCheckpoint(0, List.of(), first));
            assertThat(cosigned.status()).as(cosigned.body()).isEqualTo(200);
            assertThat(Cosignatures.parse(witnessKey).find(a.body(), Cosignatures.lines(cosigned.body())))
                    .as("a valid cosignature/v1 of the witness's key").isPresent();

            Answer stale = add(p, new AddCheckpoint(0, List.of(), first));
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.contentType()).isEqualTo("text/x.tlog.size");
            assertThat(stale.body()).isEqualTo(a.treeSize() + "\n");

            NoteSigner stranger = new NoteSigner("stranger.example/log", NoteSigner.generateSeed());
            assertThat(add(p, new AddCheckpoint(0, List.of(), stranger.sign(new Checkpoint("stranger.example/log", 1,
                    randomRoot()).body()))).status()).as("unknown origin").isEqualTo(404);
            NoteSigner impostor = new NoteSigner(origin, NoteSigner.generateSeed());
            assertThat(add(p, new AddCheckpoint(a.treeSize(), List.of(), impostor.sign(new Checkpoint(origin,
                    a.treeSize() + 1, randomRoot()).body()))).status()).as("no trusted signature").isEqualTo(403);
            assertThat(add(p, new AddCheckpoint(a.treeSize() + 1, List.of(), first)).status())
                    .as("old size above the checkpoint's").isEqualTo(400);

            String next = checkpointLargerThan(api(), a.treeSize());
            Checkpoint b = body(next);
            List<byte[]> proof = consistency(api(), a.treeSize(), b.treeSize());
            String forkedLarger = logSigner(origin).sign(new Checkpoint(origin, b.treeSize(), randomRoot()).body());
            assertThat(add(p, new AddCheckpoint(a.treeSize(), proof, forkedLarger)).status())
                    .as("a larger checkpoint the proof does not lead to").isEqualTo(422);
            String forkedSame = logSigner(origin).sign(new Checkpoint(origin, a.treeSize(), randomRoot()).body());
            Answer conflict = add(p, new AddCheckpoint(a.treeSize(), List.of(), forkedSame));
            assertThat(conflict.status()).as("another root for the size cosigned").isEqualTo(409);
            assertThat(conflict.contentType()).isNotEqualTo("text/x.tlog.size");

            assertThat(add(p, new AddCheckpoint(a.treeSize(), proof, next)).status()).isEqualTo(200);
            HttpResponse<String> kept = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/"
                    + Witness.originHash(origin) + "/checkpoint")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).startsWith(next);
            assertThat(NoteVerifier.parse(logKey).verify(kept.body())).isEqualTo(b.body());
        }
        assertThat(Files.readString(state.resolve("witness.vkey"))).isEqualTo(witnessKey + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(env.get("LEDGER_WITNESS_KEY_FILE")))))
                .isEqualTo("rw-------");

        try (WitnessCommand.Running restarted = WitnessCommand.start(env, new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(restarted.verifierKey()).as("the same key from its file").isEqualTo(witnessKey);
            Answer after = add(restarted.port(), new AddCheckpoint(0, List.of(), first));
            assertThat(after.status()).isEqualTo(409);
            assertThat(Long.parseLong(after.body().strip())).as("the state survived the restart")
                    .isGreaterThan(a.treeSize());
        }
    }

    @Test
    void a_node_serves_cosigned_checkpoints_and_a_forked_history_gets_no_cosignature_and_stops_the_monitor()
            throws Exception {
        Path state = dir.resolve("witness-fleet");
        String logKey = logVerifierKey(port);
        try (WitnessCommand.Running witness = WitnessCommand.start(witnessEnv(logKey, state),
                new PrintStream(new ByteArrayOutputStream()))) {
            String down = new Cosigner("witness.test/down", NoteSigner.generateSeed()).verifierKey();
            String[] witnesses = {
                    "--ledger.log.witnesses[0].name=" + WITNESS,
                    "--ledger.log.witnesses[0].url=http://127.0.0.1:" + witness.port(),
                    "--ledger.log.witnesses[0].public-key=" + witness.verifierKey(),
                    "--ledger.log.witnesses[1].name=witness.test/down",
                    "--ledger.log.witnesses[1].url=http://127.0.0.1:" + freePort() + "/w",
                    "--ledger.log.witnesses[1].public-key=" + down,
                    "--ledger.log.witness-quorum=1",
                    "--ledger.log.witness-timeout=PT2S"};
            Cosignatures w1 = Cosignatures.parse(witness.verifierKey());
            Path publicKey = Files.writeString(dir.resolve("log.vkey"), logKey + "\n");
            Path witnessKey = Files.writeString(dir.resolve("w1.vkey"), witness.verifierKey() + "\n");
            Path monitorState = dir.resolve("monitor");
            long kept;

            Path checkpoints = dir.resolve("checkpoints-a");
            try (LedgerNode node = new LedgerNode(dataSource, LedgerNode.freshDatabase(jdbc, "ledger_witness"),
                    checkpoints, witnesses)) {
                UUID member = node.api().register(Api.uniqueUsername());
                node.api().register(Api.uniqueUsername());
                String cosigned = awaitCosigned(node, w1, 1);
                Checkpoint checkpoint = body(cosigned);
                assertThat(Files.readString(checkpoints.resolve(CheckpointFiles.cosignedFileName(checkpoint.treeSize()))))
                        .as("the cosigned note in the checkpoint directory too").isEqualTo(cosigned);
                assertThat(independentlyVerified(cosigned, logKey, witness.verifierKey())).isZero();
                // once a round of witnessing has ended: one cosignature, the quorum of one met
                String metrics = await().atMost(Duration.ofSeconds(60)).until(
                        () -> node.api().as(Api.ADMIN).get("/actuator/prometheus").body(),
                        scrape -> scrape.contains("ledger_log_witness_cosignatures 1.0"));
                assertThat(metrics).contains("ledger_log_witness_cosignatures_short 0.0")
                        .as("the witness that is down is counted, and delayed nothing")
                        .containsPattern("ledger_log_witness_submissions_total\\{outcome=\"unreachable\","
                                + "witness=\"witness.test/down\"\\} [1-9]");

                assertThat(monitor(node, publicKey, witnessKey, monitorState).exit()).isEqualTo(MonitorCommand.CONSISTENT);

                // the member's certificate carries the cosigned checkpoint: checked offline with the witness's key
                String certificate = await().atMost(Duration.ofSeconds(30)).until(
                        () -> node.api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/certificate").body(),
                        c -> w1.find(checkpointOf(c)).isPresent());
                Path certificateFile = Files.writeString(dir.resolve("certificate.json"), certificate);
                ByteArrayOutputStream verified = new ByteArrayOutputStream();
                assertThat(ledger.api.infrastructure.log.VerifyCommand.run(new String[] {"--certificate",
                        certificateFile.toString(), "--public-key", publicKey.toString(), "--witness-key",
                        witnessKey.toString()}, Map.of(), new PrintStream(verified, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream()))).as(verified.toString(StandardCharsets.UTF_8))
                        .isEqualTo(ledger.api.infrastructure.log.VerifyCommand.INTACT);
                assertThat(verified.toString(StandardCharsets.UTF_8)).contains("cosigned by 1 witness");
                for (int i = 0; i < 2; i++) {
                    node.api().register(Api.uniqueUsername());
                }
                String grown = awaitCosigned(node, w1, checkpoint.treeSize() + 1);
                Run followed = monitor(node, publicKey, witnessKey, monitorState);
                assertThat(followed.exit()).as(followed.err()).isEqualTo(MonitorCommand.CONSISTENT);
                assertThat(followed.out()).contains("OK " + body(grown).treeSize());
                kept = body(grown).treeSize();
            }

            // the operator throws away the database and the checkpoint directory and starts another history
            Path otherCheckpoints = dir.resolve("checkpoints-b");
            try (LedgerNode fork = new LedgerNode(dataSource, LedgerNode.freshDatabase(jdbc, "ledger_fork"),
                    otherCheckpoints, witnesses)) {
                for (int i = 0; i < 6; i++) {
                    fork.api().register(Api.uniqueUsername());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> body(served(fork.api())).treeSize() > kept
                        && fork.api().as(Api.ADMIN).get("/actuator/prometheus").body().matches(
                        "(?s).*ledger_log_witness_submissions_total\\{outcome=\"refused-4(09|22)\",witness=\""
                                + WITNESS + "\"\\} [1-9].*"));
                String forked = served(fork.api());
                assertThat(w1.find(forked)).as("the witness never cosigns the other history").isEmpty();
                // once the round of witnessing the fork's checkpoints has ended (2 x 2 s x 2 witnesses + 5 s)
                await().atMost(Duration.ofSeconds(60)).until(() -> fork.api().as(Api.ADMIN).get("/actuator/prometheus")
                        .body().contains("ledger_log_witness_cosignatures_short 1.0"));
                assertThat(independentlyVerified(forked, logKey, witness.verifierKey())).isEqualTo(1);

                Run stopped = monitor(fork, publicKey, witnessKey, monitorState);
                assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isEqualTo(MonitorCommand.FORKED);
                assertThat(stopped.err()).contains("FORK").contains("\n" + kept + "\n")
                        .contains("\n" + body(forked).treeSize() + "\n");
                try (Stream<Path> files = Files.list(monitorState)) {
                    assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("fork-"));
                }
            }
        }
    }

    @Test
    void the_packaged_jar_runs_the_witness_and_the_monitor_without_the_service() throws Exception {
        Path jar = Path.of("target", "ledger.jar");
        assertThat(jar).as("package the service first").exists();
        String logKey = logVerifierKey(port);
        Path state = dir.resolve("packaged-witness");
        Map<String, String> env = witnessEnv(logKey, state);
        int witnessPort = freePort();
        env.put("SERVER_PORT", Integer.toString(witnessPort));
        String first = checkpointLargerThan(api(), 0);

        Process process = start(jar, env, "witness");
        try {
            Answer answer = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> add(witnessPort, new AddCheckpoint(0, List.of(), first)), a -> a != null);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(Files.readString(state.resolve("witness.vkey"))).startsWith(WITNESS + "+");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Process again = start(jar, env, "witness");
        try {
            Answer answer = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> add(witnessPort, new AddCheckpoint(0, List.of(), first)), a -> a != null);
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body()).isEqualTo(body(first).treeSize() + "\n");
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
        }

        Map<String, String> incomplete = new HashMap<>(env);
        incomplete.remove("LEDGER_WITNESS_LOGS");
        Process refused = start(jar, incomplete, "witness");
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(WitnessCommand.CANNOT_RUN);
        Process noArguments = start(jar, Map.of(), "monitor");
        assertThat(noArguments.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(noArguments.exitValue()).isEqualTo(MonitorCommand.CANNOT_RUN);
    }

    private Process start(Path jar, Map<String, String> env, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                jar.toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(dir.resolve("process-" + UUID.randomUUID() + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LEDGER_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String checkpointOf(String certificate) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(certificate).path("checkpoint").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String awaitCosigned(LedgerNode node, Cosignatures witness, long atLeast) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String note = served(node.api());
            return body(note).treeSize() >= atLeast && witness.find(note).isPresent();
        });
        return served(node.api());
    }

    private record Run(int exit, String out, String err) {
    }

    private Run monitor(LedgerNode node, Path publicKey, Path witnessKey, Path state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MonitorCommand.run(new String[] {"--log", "http://127.0.0.1:" + node.port, "--public-key",
                publicKey.toString(), "--state", state.toString(), "--witness-key", witnessKey.toString(), "--once"},
                Map.of("LEDGER_MONITOR_TOKEN", Api.AUDITOR), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit status of the Python verifier (0: the log's signature and the witness's cosignature hold). */
    private int independentlyVerified(String note, String logKey, String witnessKey) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean available = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c",
                "import cryptography").start().waitFor() == 0;
        if (!available) {
            // CI installs python3-cryptography and requires it; a workstation without it skips this check
            assertThat(System.getenv("LEDGER_REQUIRE_INDEPENDENT_VERIFIERS")).as("python3-cryptography").isNull();
            Assumptions.abort("/usr/bin/python3 with cryptography is not installed (apt-get install python3-cryptography)");
        }
        Path file = Files.writeString(dir.resolve("note-" + UUID.randomUUID()), note);
        Path script = Path.of("target", "test-classes", "c2sp", "verify_cosigned_checkpoint.py");
        Process process = new ProcessBuilder(python.toString(), script.toString(), file.toString(), logKey, witnessKey)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() == 0) {
            assertThat(output).contains("OK " + body(note).treeSize());
        } else {
            assertThat(output).contains("NOT COSIGNED");
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
