package ledger.api.infrastructure.monitor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.infrastructure.files.DurableFiles;
import ledger.core.log.Checkpoint;
import ledger.core.log.Cosignatures;
import ledger.core.log.NoteVerificationException;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;

/**
 * {@code java -jar ledger.jar monitor --log <base url> --public-key FILE --state DIR [--witness-key FILE]...
 * [--interval 60s] [--once]}: fetches the log's checkpoint, checks the log's signature and the given
 * witnesses' cosignatures, and its consistency with the last checkpoint it kept in {@code DIR}
 * ({@code checkpoint.note}, replaced atomically). Runs every interval until a check fails; with
 * {@code --once}, one check. The token for the ledger's API (an auditor's) comes from
 * {@code LEDGER_MONITOR_TOKEN}. Exit status: 0 consistent ({@code --once}), 1 a fork or a shrink (both
 * checkpoints printed and kept in {@code DIR/fork-<time>.txt}) or an invalid signature, 2 cannot run.
 */
public final class MonitorCommand {

    public static final int CONSISTENT = 0;
    public static final int FORKED = 1;
    public static final int CANNOT_RUN = 2;

    private static final String USAGE = "usage: java -jar ledger.jar monitor --log <base url> --public-key FILE"
            + " --state DIR [--witness-key FILE]... [--interval 60s] [--once]\n  token: LEDGER_MONITOR_TOKEN (an"
            + " auditor's bearer token)";
    private static final String STATE = "checkpoint.note";

    record Options(URI log, NoteVerifier logKey, Path state, List<Cosignatures> witnesses, Duration interval,
                   boolean once) {
    }

    /** What one check found. */
    sealed interface Result {
    }

    record Consistent(Checkpoint checkpoint, int cosignatures) implements Result {
    }

    record Forked(String reason, String kept, String served) implements Result {
    }

    /** The log could not be reached or answered nonsense: the monitor tries again (or, once, cannot run). */
    record Unavailable(String reason) implements Result {
    }

    private final Options options;
    private final String token;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    MonitorCommand(Options options, String token, PrintStream out) {
        this.options = options;
        this.token = token;
        this.out = out;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** Answers the exit status instead of exiting (tests run it in-process). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("monitor: " + e.getMessage());
            err.println(USAGE);
            return CANNOT_RUN;
        }
        MonitorCommand monitor = new MonitorCommand(options, env.get("LEDGER_MONITOR_TOKEN"), out);
        while (true) {
            Result result = monitor.check();
            if (result instanceof Forked forked) {
                err.println("monitor: FORK " + forked.reason());
                err.println("monitor: the checkpoint kept:\n" + forked.kept());
                err.println("monitor: the checkpoint served:\n" + forked.served());
                monitor.keepEvidence(forked);
                return FORKED;
            }
            if (result instanceof Unavailable unavailable) {
                err.println("monitor: " + unavailable.reason());
                if (options.once()) {
                    return CANNOT_RUN;
                }
            }
            if (result instanceof Consistent consistent) {
                out.println("monitor: OK " + consistent.checkpoint().treeSize() + " "
                        + Base64.getEncoder().encodeToString(consistent.checkpoint().rootHash()) + " cosigned by "
                        + consistent.cosignatures() + " of " + options.witnesses().size() + " witnesses");
                if (options.once()) {
                    return CONSISTENT;
                }
            }
            try {
                Thread.sleep(options.interval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CONSISTENT;
            }
        }
    }

    /** One check: fetch, verify, compare with the kept checkpoint, keep the new one when it is consistent. */
    Result check() {
        String served;
        try {
            served = get("/api/v1/ledger/checkpoint", "text/plain");
        } catch (IOException e) {
            return new Unavailable("cannot fetch the checkpoint: " + e.getMessage());
        }
        Checkpoint checkpoint;
        int cosigned = 0;
        try {
            checkpoint = Checkpoint.parse(options.logKey().verify(served));
            for (Cosignatures witness : options.witnesses()) {
                if (witness.find(served).isPresent()) {
                    cosigned++;
                } else {
                    out.println("monitor: no cosignature of witness " + witness.name() + " on checkpoint "
                            + checkpoint.treeSize());
                }
            }
        } catch (NoteVerificationException | IllegalArgumentException e) {
            // a served checkpoint that does not verify is the log's own fault, never ours to skip
            return new Forked("the served checkpoint does not verify: " + e.getMessage(), kept().orElse("(none)"),
                    served);
        }
        Optional<String> keptNote = kept();
        if (keptNote.isPresent()) {
            Checkpoint previous;
            try {
                previous = Checkpoint.parse(options.logKey().verify(keptNote.get()));
            } catch (RuntimeException e) {
                return new Unavailable("the kept checkpoint in " + options.state() + " does not verify: "
                        + e.getMessage());
            }
            if (!checkpoint.origin().equals(previous.origin())) {
                return new Forked("the served checkpoint names another origin", keptNote.get(), served);
            }
            if (checkpoint.treeSize() < previous.treeSize()) {
                return new Forked("the log shrank from " + previous.treeSize() + " to " + checkpoint.treeSize()
                        + " leaves", keptNote.get(), served);
            }
            if (checkpoint.treeSize() == previous.treeSize()) {
                if (!MessageDigest.isEqual(checkpoint.rootHash(), previous.rootHash())) {
                    return new Forked("two roots for tree size " + checkpoint.treeSize(), keptNote.get(), served);
                }
            } else {
                List<byte[]> proof;
                try {
                    proof = consistencyProof(previous.treeSize(), checkpoint.treeSize());
                } catch (IOException e) {
                    return new Unavailable("cannot fetch the consistency proof: " + e.getMessage());
                }
                if (!Proofs.verifyConsistency(previous.treeSize(), checkpoint.treeSize(), previous.rootHash(),
                        checkpoint.rootHash(), proof)) {
                    return new Forked("the checkpoint of " + checkpoint.treeSize() + " leaves is not consistent with"
                            + " the one of " + previous.treeSize() + " kept before", keptNote.get(), served);
                }
            }
        }
        keep(served);
        return new Consistent(checkpoint, cosigned);
    }

    private List<byte[]> consistencyProof(long first, long second) throws IOException {
        JsonNode proof = json.readTree(get("/api/v1/ledger/proofs/consistency?first=" + first + "&second=" + second,
                "application/json"));
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode hash : proof.path("hashes")) {
            hashes.add(Base64.getDecoder().decode(hash.asText()));
        }
        return hashes;
    }

    private String get(String path, String accept) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(options.log().resolve(path))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept).GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private Optional<String> kept() {
        Path file = options.state().resolve(STATE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void keep(String note) {
        write(STATE, note);
    }

    void keepEvidence(Forked forked) {
        write("fork-" + Instant.now().toString().replace(':', '-') + ".txt", forked.reason() + "\n\n-- kept\n"
                + forked.kept() + "\n-- served\n" + forked.served());
    }

    private void write(String name, String content) {
        try {
            Files.createDirectories(options.state());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.state(), e);
        }
        DurableFiles.replace(options.state(), name, content);
    }

    static Options parse(String[] args) {
        URI log = null;
        NoteVerifier logKey = null;
        Path state = null;
        List<Cosignatures> witnesses = new ArrayList<>();
        Duration interval = Duration.ofSeconds(60);
        boolean once = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--once".equals(arg)) {
                once = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--log" -> log = URI.create(value.endsWith("/") ? value : value + "/");
                case "--public-key" -> logKey = NoteVerifier.parse(read(value));
                case "--state" -> state = Path.of(value);
                case "--witness-key" -> witnesses.add(Cosignatures.parse(read(value)));
                case "--interval" -> interval = duration(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (log == null || logKey == null || state == null) {
            throw new IllegalArgumentException("--log, --public-key and --state are required");
        }
        if (!"http".equals(log.getScheme()) && !"https".equals(log.getScheme())) {
            throw new IllegalArgumentException("--log is an http(s) URL");
        }
        return new Options(log, logKey, state, List.copyOf(witnesses), interval, once);
    }

    private static Duration duration(String text) {
        try {
            Duration duration = text.matches("[0-9]+s") ? Duration.ofSeconds(Long.parseLong(text.replace("s", "")))
                    : text.matches("[0-9]+m") ? Duration.ofMinutes(Long.parseLong(text.replace("m", "")))
                    : Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--interval must be positive");
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--interval is like 60s, 5m or PT1M", e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file, e);
        }
    }
}
