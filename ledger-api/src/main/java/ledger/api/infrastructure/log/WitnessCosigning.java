package ledger.api.infrastructure.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.core.log.AddCheckpoint;
import ledger.core.log.Cosignatures;
import ledger.core.log.NoteVerificationException;

/**
 * Gathers C2SP tlog-witness cosignatures for each new checkpoint: {@code POST <url>/add-checkpoint}
 * with a consistency proof from the size the witness last cosigned (learnt from a 409
 * {@code text/x.tlog.size} answer), every returned line verified against the witness's configured key,
 * the valid ones stored with the checkpoint (database and {@code <size>.cosigned.note} in the checkpoint
 * directory) and served with it. One thread of its own: a witness that is slow, down or refuses delays
 * nothing else; the checkpoint is then short of quorum ({@code ledger_log_witness_cosignatures_short}).
 * Only the newest pending checkpoint is submitted: witnesses follow the log, not every checkpoint.
 */
final class WitnessCosigning implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WitnessCosigning.class);
    private static final String SIZE_TYPE = "text/x.tlog.size";

    /** One configured witness: its name, submission prefix and verifier key. */
    record Endpoint(String name, URI submissionPrefix, Cosignatures key) {
    }

    private final List<Endpoint> witnesses;
    private final int quorum;
    private final Duration timeout;
    private final long settledSeconds;
    private final JdbcLogStore store;
    private final CheckpointFiles files;
    private final BiFunction<Long, Long, List<byte[]>> consistencyProof;
    private final Clock clock;
    private final HttpClient http;
    private final NodeLoop executor;
    private final AtomicReference<TransparencyLog.SignedCheckpoint> pending = new AtomicReference<>();
    /** The size each witness last said it cosigned (0 until it answers). */
    private final Map<String, Long> witnessSizes = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private volatile Instant quietUntil = Instant.EPOCH;

    WitnessCosigning(LedgerProperties.Log settings, JdbcLogStore store, CheckpointFiles files,
                     BiFunction<Long, Long, List<byte[]>> consistencyProof, Clock clock, MeterRegistry registry) {
        this.witnesses = endpoints(settings.witnesses());
        this.quorum = quorum(settings.witnessQuorum(), witnesses.size());
        this.timeout = settings.witnessTimeout();
        // a round asks each witness at most twice, one after the other: after this, it has ended
        this.settledSeconds = timeout.multipliedBy(2L * witnesses.size()).toSeconds() + 5;
        this.store = store;
        this.files = files;
        this.consistencyProof = consistencyProof;
        this.clock = clock;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.executor = NodeLoop.start("ledger-witnesses");
        Gauge.builder("ledger_log_witness_quorum", () -> quorum)
                .description("Cosignatures a checkpoint needs (ledger.log.witness-quorum)").register(registry);
        // from the database, so every pod of the fleet reports the same (only the sequencer's pod witnesses)
        Gauge.builder("ledger_log_witness_cosignatures", this::settledCosignatures)
                .description("Valid witness cosignatures on the latest checkpoint whose round of witnessing has"
                        + " ended").register(registry);
        Gauge.builder("ledger_log_witness_cosignatures_short",
                        () -> quorum == 0 ? 0 : Math.max(0, quorum - settledCosignatures()))
                .description("Cosignatures that checkpoint lacks for the quorum (0: quorum met)").register(registry);
    }

    static List<Endpoint> endpoints(List<LedgerProperties.Witness> configured) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (LedgerProperties.Witness witness : configured == null ? List.<LedgerProperties.Witness>of() : configured) {
            if (witness.url() == null || !List.of("http", "https").contains(witness.url().getScheme())) {
                throw new IllegalStateException("ledger.log.witnesses: witness " + witness.name()
                        + " needs an http(s) url (its submission prefix)");
            }
            Cosignatures key;
            try {
                key = Cosignatures.parse(witness.publicKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ledger.log.witnesses: the public-key of witness " + witness.name()
                        + " is not an Ed25519 cosignature/v1 verifier key: " + e.getMessage(), e);
            }
            String name = witness.name() == null || witness.name().isBlank() ? key.name() : witness.name();
            String prefix = witness.url().toString();
            endpoints.add(new Endpoint(name, URI.create(prefix.endsWith("/") ? prefix : prefix + "/"), key));
        }
        if (endpoints.stream().map(Endpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalStateException("ledger.log.witnesses: two witnesses share a name");
        }
        return List.copyOf(endpoints);
    }

    static int quorum(Integer configured, int witnesses) {
        int quorum = configured == null ? witnesses : configured;
        if (quorum < 0 || quorum > witnesses) {
            throw new IllegalStateException("ledger.log.witness-quorum must be between 0 and the " + witnesses
                    + " witnesses configured (empty: all of them)");
        }
        return quorum;
    }

    int quorum() {
        return quorum;
    }

    int witnessCount() {
        return witnesses.size();
    }

    /** Queues the checkpoint for cosigning (a newer one queued meanwhile replaces it). */
    void submit(TransparencyLog.SignedCheckpoint checkpoint) {
        if (witnesses.isEmpty()) {
            return;
        }
        TransparencyLog.SignedCheckpoint before = pending.getAndAccumulate(checkpoint,
                (old, next) -> old == null || next.treeSize() > old.treeSize() ? next : old);
        if (before == null) {
            executor.tryRun(this::drain);
        }
    }

    private void drain() {
        TransparencyLog.SignedCheckpoint checkpoint = pending.getAndSet(null);
        if (checkpoint != null) {
            try {
                witness(checkpoint);
            } catch (RuntimeException e) {
                warn("Witnessing checkpoint " + checkpoint.treeSize() + " failed ({})", e);
            }
        }
    }

    /** Asks every witness for its cosignature now (on the caller's thread) and stores the valid ones. */
    int witness(TransparencyLog.SignedCheckpoint checkpoint) {
        String body = ledger.core.log.Witness.bodyOf(checkpoint.note());
        StringBuilder lines = new StringBuilder();
        int valid = 0;
        for (Endpoint witness : witnesses) {
            Optional<Cosignatures.Cosignature> cosignature = cosignatureOf(witness, checkpoint, body);
            if (cosignature.isPresent()) {
                lines.append(cosignature.get().line());
                valid++;
            }
        }
        if (valid > 0) {
            store.storeCosignatures(checkpoint.treeSize(), lines.toString());
            files.writeCosigned(checkpoint.treeSize(), checkpoint.note() + lines);
        }
        if (valid < quorum) {
            warn("Checkpoint " + checkpoint.treeSize() + " has " + valid + " of the " + quorum
                    + " witness cosignatures its quorum needs{}", null);
        }
        return valid;
    }

    private Optional<Cosignatures.Cosignature> cosignatureOf(Endpoint witness, TransparencyLog.SignedCheckpoint checkpoint,
                                                             String body) {
        long oldSize = Math.min(witnessSizes.getOrDefault(witness.name(), 0L), checkpoint.treeSize());
        for (int attempt = 0; attempt < 2; attempt++) {
            List<byte[]> proof = oldSize == 0 || oldSize == checkpoint.treeSize() ? List.of()
                    : consistencyProof.apply(oldSize, checkpoint.treeSize());
            String request = new AddCheckpoint(oldSize, proof, checkpoint.note()).format();
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(witness.submissionPrefix().resolve("add-checkpoint"))
                        .timeout(timeout).header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return failed(witness, "unreachable", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            int status = response.statusCode();
            if (status == 409 && response.headers().firstValue("Content-Type").orElse("").startsWith(SIZE_TYPE)) {
                long size = parseSize(response.body());
                witnessSizes.put(witness.name(), size);
                if (size < 0 || size > checkpoint.treeSize()) {
                    // ahead of this checkpoint (a later one was witnessed first) or nonsense: nothing to prove
                    return failed(witness, size < 0 ? "malformed-size" : "ahead", null);
                }
                oldSize = size;
                continue;
            }
            if (status != 200) {
                return failed(witness, "refused-" + status, null);
            }
            try {
                Optional<Cosignatures.Cosignature> found = witness.key().find(body,
                        Cosignatures.lines(response.body()));
                if (found.isEmpty()) {
                    return failed(witness, "no-cosignature", null);
                }
                witnessSizes.put(witness.name(), checkpoint.treeSize());
                count(witness, "cosigned");
                return found;
            } catch (NoteVerificationException e) {
                return failed(witness, "invalid-cosignature", e);
            }
        }
        return failed(witness, "size-moved", null);
    }

    private Optional<Cosignatures.Cosignature> failed(Endpoint witness, String outcome, Exception e) {
        count(witness, outcome);
        warn("Witness " + witness.name() + ": " + outcome + "{}", e);
        return Optional.empty();
    }

    private void count(Endpoint witness, String outcome) {
        Counter.builder("ledger_log_witness_submissions").description("add-checkpoint requests to witnesses, by outcome")
                .tag("witness", witness.name()).tag("outcome", outcome).register(registry).increment();
    }

    /**
     * Cosignatures of the latest checkpoint whose round has ended (NaN when the database cannot say; with
     * none old enough yet, counted as the quorum: nothing is known to be short).
     */
    private double settledCosignatures() {
        if (witnesses.isEmpty()) {
            return 0;
        }
        try {
            return store.settledCosignatures(settledSeconds)
                    .map(lines -> (double) lines.lines().filter(line -> !line.isBlank()).count())
                    .orElse((double) quorum);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long parseSize(String body) {
        String text = body == null ? "" : body.strip();
        return text.matches("0|[1-9][0-9]{0,18}") ? Long.parseLong(text) : -1;
    }

    private void warn(String message, Exception e) {
        Instant now = clock.instant();
        if (now.isAfter(quietUntil)) {
            quietUntil = now.plusSeconds(60);
            log.warn(message, e == null ? "" : " (" + e.getClass().getName() + ")");
        }
    }

    @Override
    public void close() {
        executor.stop();
    }
}
