package eu.complianceledger.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged jar of ledger-api, started as a newcomer starts it (embedded PostgreSQL, default
 * profile, the default development tokens) in a directory of its own, on a free port.
 */
final class LedgerService implements AutoCloseable {

    static final String PORTAL = "dev-portal-token";
    static final String DPM = "dev-dpm-token";
    static final String AUDITOR = "dev-auditor-token";

    private final Process process;
    private final Path log;
    final String baseUri;

    private LedgerService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUri = "http://127.0.0.1:" + port;
    }

    static LedgerService start() throws Exception {
        Path jar = Path.of(System.getProperty("ledger.jar", "../ledger-api/target/ledger.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package ledger-api first: " + jar);
        }
        Path dir = Files.createTempDirectory("ledger-client-it");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString(),
                "--server.port=" + port));
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        LedgerService service = new LedgerService(builder.start(), log, port);
        service.awaitReady(Duration.ofMinutes(3));
        return service;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(baseUri
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    /** A client of the generated kind, signed in with a token. */
    ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
