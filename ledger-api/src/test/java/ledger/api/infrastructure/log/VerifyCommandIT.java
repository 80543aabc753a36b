package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.infrastructure.log.VerifyCommand;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The offline verifier's contract: 0 for an intact log (here the live one, with the service's
 * exported checkpoint files), 2 when it cannot run; 1 is LedgerTamperIT's. The packaged jar runs it
 * without starting the service.
 */
class VerifyCommandIT extends IntegrationTest {

    @Autowired
    TransparencyLog ledgerLog;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private Map<String, String> database() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", hikari.getJdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", hikari.getUsername() == null ? "postgres" : hikari.getUsername());
        env.put("SPRING_DATASOURCE_PASSWORD", hikari.getPassword() == null ? "" : hikari.getPassword());
        return env;
    }

    private Path publicKey() throws IOException {
        return Files.writeString(temp.resolve("ledger.pub"), api().as(Api.AUDITOR).get("/api/v1/ledger/public-key")
                .body());
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_live_log_verifies_against_the_exported_checkpoints_and_the_public_key() throws IOException {
        api().register(Api.uniqueUsername());
        Run run = run(database(), "--checkpoints", checkpointDir().toString(), "--public-key", publicKey().toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.INTACT);
        assertThat(run.out()).matches("OK [0-9]+ [A-Za-z0-9+/]{43}=\\n");
        long size = Long.parseLong(run.out().split(" ")[1]);
        assertThat(size).isPositive().isLessThanOrEqualTo(ledgerLog.treeSize());
        assertThat(run.err()).contains("events/s");
    }

    @Test
    void it_cannot_run_without_its_arguments_a_readable_key_a_database_or_checkpoints() throws IOException {
        Path key = publicKey();
        String dir = checkpointDir().toString();
        assertThat(run(database()).exit()).isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(run(database(), "--checkpoints", dir).exit()).isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(run(database(), "--checkpoints", dir, "--public-key", key.toString(), "--grace", "soon").exit())
                .isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(run(database(), "--checkpoints", dir, "--public-key", temp.resolve("missing.pub").toString())
                .exit()).isEqualTo(VerifyCommand.CANNOT_RUN);
        Path garbage = Files.writeString(temp.resolve("garbage.pub"), "not a key");
        Run bad = run(database(), "--checkpoints", dir, "--public-key", garbage.toString());
        assertThat(bad.exit()).isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(bad.err()).contains("verifier key");
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertThat(run(database(), "--checkpoints", empty.toString(), "--public-key", key.toString()).exit())
                .isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(run(Map.of(), "--checkpoints", dir, "--public-key", key.toString()).exit())
                .isEqualTo(VerifyCommand.CANNOT_RUN);
        Map<String, String> nowhere = new HashMap<>(database());
        nowhere.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/ledger?connectTimeout=2");
        Run unreachable = run(nowhere, "--checkpoints", dir, "--public-key", key.toString());
        assertThat(unreachable.exit()).isEqualTo(VerifyCommand.CANNOT_RUN);
        assertThat(unreachable.err()).contains("cannot be read");
    }

    @Test
    void the_packaged_jar_verifies_without_starting_the_service() throws Exception {
        Path jar = Path.of("target", "ledger.jar");
        assertThat(jar).as("package the service first").exists();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString(), "verify", "--checkpoints", checkpointDir().toString(), "--public-key",
                publicKey().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile());
        builder.environment().putAll(database());
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String out = Files.readString(temp.resolve("out"));
        String err = Files.readString(temp.resolve("err"));
        assertThat(process.exitValue()).as(out + err).isEqualTo(VerifyCommand.INTACT);
        assertThat(out).startsWith("OK ");
        assertThat(err).doesNotContain("Spring").doesNotContain("Tomcat");
        assertThat(took).as("no service start-up").isLessThan(Duration.ofSeconds(20));
    }
}
