package ledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seconds from launch to ready of the embedded-default service, as a fresh machine runs it: no
 * database configured (the embedded PostgreSQL in a directory of its own), started several times
 * in a row in the same directory. Once as {@code java -jar ledger.jar}, once by bin/ledger (the
 * README's run command: extracted jar, a class-data-sharing archive trained on its first start,
 * which is why that extract is removed first). Ready: {@code /actuator/health/readiness} answers
 * 200. Each start is stopped with SIGTERM (graceful, the embedded PostgreSQL stopped with it).
 */
final class Startup {

    private static final int PORT = 18191;

    /** The seconds to ready of {@code starts} consecutive starts, the first one included. */
    static List<Double> measure(List<String> command, Path dir, int starts) throws Exception {
        List<Double> seconds = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < starts; i++) {
            List<String> full = new ArrayList<>(command);
            full.add("--server.port=" + PORT);
            ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
            builder.environment().put("LEDGER_JAR", System.getProperty("node.jar"));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            long start = System.nanoTime();
            Process process = builder.start();
            boolean reachedReady = false;
            try {
                while (!ready(http)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited during its start; see " + dir.resolve("service.log"));
                    }
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(3)) {
                        throw new IllegalStateException("not ready within 3 minutes; see " + dir.resolve("service.log"));
                    }
                    Thread.sleep(50);
                }
                seconds.add((System.nanoTime() - start) / 1e9);
                reachedReady = true;
            } finally {
                if (!reachedReady) {
                    // not ready: maybe still bin/ledger's training run, a child of the script (once ready,
                    // the process is the service itself, and its children are its embedded PostgreSQL)
                    process.descendants().forEach(ProcessHandle::destroy);
                }
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
        return seconds;
    }

    private static boolean ready(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + PORT + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Removes bin/ledger's extract of {@code jar} so that the next start is its first. */
    static void forgetExtract(Path jar) throws IOException {
        Path app = jar.toAbsolutePath().getParent().resolve("app");
        if (Files.isDirectory(app)) {
            try (var paths = Files.walk(app)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
