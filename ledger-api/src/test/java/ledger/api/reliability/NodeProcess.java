package ledger.api.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * A ledger node as a separate JVM, started from the packaged jar (or from a main class on a
 * classpath, see {@link Launch}), that can be killed with SIGKILL.
 */
public final class NodeProcess implements AutoCloseable {

    /** The master key every node runs with (the tests' key), for callers that write data keys themselves. */
    public static final String MASTER_KEY = IntegrationTest.TEST_MASTER_KEY;

    /**
     * How the node's JVM starts the service: {@code -jar} the packaged jar ({@code node.jar}, default
     * {@code target/ledger.jar}), or a main class on a classpath (the benchmarks' own entry point).
     */
    public record Launch(List<String> javaArgs) {

        public static Launch packagedJar() {
            Path jar = Path.of(System.getProperty("node.jar", Path.of("target", "ledger.jar").toString()));
            if (!Files.exists(jar)) {
                throw new IllegalStateException("package the service first: " + jar.toAbsolutePath());
            }
            return new Launch(List.of("-jar", jar.toString()));
        }

        public static Launch mainClass(String classpath, String mainClass) {
            return new Launch(List.of("-cp", classpath, mainClass));
        }
    }

    private final Process process;

    public long pid() {
        return process.pid();
    }
    public final int port;

    private NodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NodeProcess start(String jdbcUrl, Path log, String... extraArgs) throws IOException {
        return start(Launch.packagedJar(), jdbcUrl, log, extraArgs);
    }

    public static NodeProcess start(Launch launch, String jdbcUrl, Path log, String... extraArgs) throws IOException {
        NodeProcess node = launch(launch, jdbcUrl, log, extraArgs);
        node.awaitUp(Duration.ofSeconds(120));
        return node;
    }

    public static NodeProcess launch(String jdbcUrl, Path log, String... extraArgs) throws IOException {
        return launch(Launch.packagedJar(), jdbcUrl, log, extraArgs);
    }

    /**
     * Starts the node without sending it any request; unless the arguments name one, its erasure
     * journal is the directory {@code erasure-journal} beside the log (the same on every restart).
     */
    public static NodeProcess launch(Launch launch, String jdbcUrl, Path log, String... extraArgs)
            throws IOException {
        return launch(launch, jdbcUrl, log, java.util.Map.of(), extraArgs);
    }

    /** ... with variables added to the node's environment (e.g. libfaketime's). */
    public static NodeProcess launch(Launch launch, String jdbcUrl, Path log, java.util.Map<String, String> environment,
                                     String... extraArgs) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m"));
        // e.g. a flight recording while benchmarking: -Dnode.jvm-args="-XX:StartFlightRecording=filename=n-{port}.jfr"
        // ({port}: the node's, so that each node of a run keeps its own file)
        String jvmArgs = System.getProperty("node.jvm-args", "").strip().replace("{port}", Integer.toString(port));
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(launch.javaArgs());
        command.addAll(List.of("--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--ledger.master-key=" + MASTER_KEY));
        if (Arrays.stream(extraArgs).noneMatch(a -> a.startsWith("--ledger.erasure-journal.dir="))) {
            command.add("--ledger.erasure-journal.dir=" + log.toAbsolutePath().resolveSibling("erasure-journal"));
        }
        // every node of a database signs checkpoints with the same key; files beside the log, not in data/
        command.add("--ledger.log.signing-key=" + IntegrationTest.TEST_SIGNING_KEY);
        if (Arrays.stream(extraArgs).noneMatch(a -> a.startsWith("--ledger.log.checkpoint-dir="))) {
            command.add("--ledger.log.checkpoint-dir=" + log.toAbsolutePath().resolveSibling("checkpoints"));
        }
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new NodeProcess(process, port);
    }

    /** Waits until the node's HTTP port accepts a TCP connection, without sending a request. */
    public void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                // not listening yet
            }
            sleep(50);
        }
        throw new IllegalStateException("the node did not listen");
    }

    /** Node logs go to {@code ledger.reliability.log-dir} when set (kept for reading), else the test's directory. */
    static Path logIn(Path fallback, String name) {
        String dir = System.getProperty("ledger.reliability.log-dir");
        return (dir == null ? fallback : Path.of(dir)).resolve(name);
    }

    public Api api() {
        return new Api(port);
    }

    void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue());
            }
            try {
                Api.Response health = api().as(null).get("/actuator/health/readiness");
                if (health.status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException("the node did not become ready");
    }

    /** SIGKILL: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
