package ledger.api.infrastructure.witness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import ledger.api.infrastructure.files.KeyFiles;
import ledger.core.log.Cosigner;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Witness;

/**
 * {@code java -jar ledger.jar witness}: a C2SP tlog-witness for the ledger's log (or any log whose
 * Ed25519 key it is given). Configured by the environment only:
 * <ul>
 * <li>{@code LEDGER_WITNESS_NAME}: the witness's key name (a schema-less URL, e.g. {@code witness.example/w1});</li>
 * <li>{@code LEDGER_WITNESS_KEY_FILE}: base64 of its 32-byte Ed25519 seed, created 0600 when missing;</li>
 * <li>{@code LEDGER_WITNESS_LOGS}: the trusted logs, one verifier key a line (the origin is the key's name,
 * or a second word on the line), {@code #} comments;</li>
 * <li>{@code LEDGER_WITNESS_STATE_DIR}: the latest cosigned checkpoint per log, and {@code witness.vkey};</li>
 * <li>{@code SERVER_PORT}: default 8080.</li>
 * </ul>
 * Serves {@code POST /add-checkpoint} and {@code GET /<origin hash>/checkpoint}. Exit status 2 when it
 * cannot start.
 */
public final class WitnessCommand {

    public static final int CANNOT_RUN = 2;
    private static final int MAX_BODY = (1 << 20) + 4096;
    private static final Pattern CHECKPOINT_PATH = Pattern.compile("/([0-9a-f]{64})/checkpoint");

    private WitnessCommand() {
    }

    /** A running witness: its port and verifier key; closing stops it. */
    public static final class Running implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor;
        private final Witness witness;

        private Running(HttpServer server, ExecutorService executor, Witness witness) {
            this.server = server;
            this.executor = executor;
            this.witness = witness;
        }

        public int port() {
            return server.getAddress().getPort();
        }

        public String verifierKey() {
            return witness.cosigner().verifierKey();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the witness from the environment; IllegalArgumentException (a message for the operator) when it cannot. */
    public static Running start(Map<String, String> env, PrintStream out) {
        String name = required(env, "LEDGER_WITNESS_NAME");
        Path keyFile = Path.of(env.getOrDefault("LEDGER_WITNESS_KEY_FILE", "data/witness.key"));
        Path logsFile = Path.of(required(env, "LEDGER_WITNESS_LOGS"));
        Path stateDir = Path.of(env.getOrDefault("LEDGER_WITNESS_STATE_DIR", "data/witness"));
        int port = port(env.getOrDefault("SERVER_PORT", "8080"));

        Cosigner cosigner;
        try {
            cosigner = new Cosigner(name, seed(keyFile, out));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Witness.TrustedLog> logs = trustedLogs(logsFile);
        WitnessFiles files = new WitnessFiles(stateDir);
        files.write("witness.vkey", cosigner.verifierKey() + "\n");
        Witness witness = new Witness(cosigner, logs, files, () -> System.currentTimeMillis() / 1000);

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, witness, out));
        server.start();
        out.println("witness " + name + " listening on port " + server.getAddress().getPort() + " for "
                + logs.stream().map(Witness.TrustedLog::origin).toList() + "; verifier key " + cosigner.verifierKey());
        return new Running(server, executor, witness);
    }

    /** The command line entry: runs until the process is stopped. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        Running running;
        try {
            running = start(env, out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("witness: " + e.getMessage());
            return CANNOT_RUN;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "witness-stop"));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void handle(HttpExchange exchange, Witness witness, PrintStream out) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if ("/add-checkpoint".equals(path)) {
                if (!"POST".equals(method)) {
                    respond(exchange, 405, "text/plain; charset=utf-8", "POST only\n");
                    return;
                }
                Optional<String> body = body(exchange.getRequestBody());
                if (body.isEmpty()) {
                    respond(exchange, 413, "text/plain; charset=utf-8", "the request is larger than a checkpoint\n");
                    return;
                }
                Witness.Outcome outcome = witness.addCheckpoint(body.get());
                if (outcome instanceof Witness.Cosigned cosigned) {
                    respond(exchange, 200, "text/plain; charset=utf-8", cosigned.signatureLines());
                } else if (outcome instanceof Witness.SizeMismatch mismatch) {
                    respond(exchange, 409, "text/x.tlog.size", mismatch.latestSize() + "\n");
                } else if (outcome instanceof Witness.Refused refused) {
                    // a refusal of a validly signed checkpoint may be evidence of a forking log: keep a line
                    out.println("witness: refused " + refused.status() + ": " + refused.reason());
                    respond(exchange, refused.status(), "text/plain; charset=utf-8", refused.reason() + "\n");
                }
                return;
            }
            var checkpoint = CHECKPOINT_PATH.matcher(path);
            if (checkpoint.matches() && "GET".equals(method)) {
                Optional<String> note = witness.latestByHash(checkpoint.group(1));
                if (note.isPresent()) {
                    respond(exchange, 200, "text/plain; charset=utf-8", note.get());
                } else {
                    respond(exchange, 404, "text/plain; charset=utf-8", "no checkpoint cosigned for that log\n");
                }
                return;
            }
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        } catch (RuntimeException e) {
            out.println("witness: request failed: " + e.getClass().getName());
            respond(exchange, 500, "text/plain; charset=utf-8", "the witness could not answer\n");
        }
    }

    // at most MAX_BODY bytes; empty when the body is larger
    private static Optional<String> body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(bytes);
        }
    }

    private static byte[] seed(Path keyFile, PrintStream out) {
        if (!Files.exists(keyFile)) {
            byte[] seed = NoteSigner.generateSeed();
            KeyFiles.create(keyFile, Base64.getEncoder().encodeToString(seed));
            out.println("witness: created the key file " + keyFile.toAbsolutePath() + " (0600)");
            return seed;
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(KeyFiles.read(keyFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the witness key file is not base64 (of a 32-byte Ed25519 seed)", e);
        }
        if (seed.length != 32) {
            throw new IllegalArgumentException("the witness key file must hold base64 of 32 bytes (an Ed25519 seed)");
        }
        return seed;
    }

    /** One verifier key a line, optionally followed by the origin when it is not the key's name. */
    static List<Witness.TrustedLog> trustedLogs(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read LEDGER_WITNESS_LOGS " + file.toAbsolutePath(), e);
        }
        Map<String, List<NoteVerifier>> byOrigin = new LinkedHashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] words = text.split("\\s+");
            if (words.length > 2) {
                throw new IllegalArgumentException("LEDGER_WITNESS_LOGS line " + number + ": a verifier key and"
                        + " optionally the origin");
            }
            NoteVerifier key;
            try {
                key = NoteVerifier.parse(words[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LEDGER_WITNESS_LOGS line " + number + ": " + e.getMessage(), e);
            }
            String origin = words.length == 2 ? words[1] : key.keyName();
            byOrigin.computeIfAbsent(origin, o -> new ArrayList<>()).add(key);
        }
        if (byOrigin.isEmpty()) {
            throw new IllegalArgumentException("LEDGER_WITNESS_LOGS names no log");
        }
        return byOrigin.entrySet().stream().map(e -> new Witness.TrustedLog(e.getKey(), e.getValue())).toList();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.strip();
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SERVER_PORT is not a port number", e);
        }
    }
}
