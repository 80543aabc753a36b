package ledger.core.log;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The rules of a C2SP tlog-witness {@code add-checkpoint} call, without HTTP or files: which answer a
 * request gets, and when the witness's record of a log moves on. Check and update happen under one
 * lock, and the new record is saved before the cosignature is handed out (the spec's rollback race).
 */
public final class Witness {

    /** Where the witness keeps the latest checkpoint it cosigned per origin (saved durably before answering). */
    public interface Store {
        Optional<String> latest(String origin);

        void save(String origin, String cosignedNote);
    }

    /** A log the witness follows: its origin and the keys whose signature on a checkpoint it trusts. */
    public record TrustedLog(String origin, List<NoteVerifier> keys) {
        public TrustedLog {
            keys = List.copyOf(keys);
        }
    }

    /** The answer to one request. */
    public sealed interface Outcome {
    }

    /** 200: the cosignature line(s). */
    public record Cosigned(String signatureLines) implements Outcome {
    }

    /** 409 with {@code text/x.tlog.size}: the size of the latest checkpoint cosigned for the origin. */
    public record SizeMismatch(long latestSize) implements Outcome {
    }

    /** Any other refusal: its HTTP status and a reason for the log's operator. */
    public record Refused(int status, String reason) implements Outcome {
    }

    private final Cosigner cosigner;
    private final Map<String, TrustedLog> logs = new LinkedHashMap<>();
    private final Store store;
    private final LongSupplier epochSeconds;

    public Witness(Cosigner cosigner, List<TrustedLog> logs, Store store, LongSupplier epochSeconds) {
        this.cosigner = cosigner;
        logs.forEach(log -> this.logs.put(log.origin(), log));
        this.store = store;
        this.epochSeconds = epochSeconds;
    }

    public Cosigner cosigner() {
        return cosigner;
    }

    /** The latest checkpoint cosigned for the origin (with the log's and this witness's signatures). */
    public synchronized Optional<String> latest(String origin) {
        return logs.containsKey(origin) ? store.latest(origin) : Optional.empty();
    }

    /** As {@link #latest(String)} for the log whose origin's SHA-256 is {@code originHash} (lowercase hex). */
    public synchronized Optional<String> latestByHash(String originHash) {
        for (String origin : logs.keySet()) {
            if (originHash(origin).equals(originHash)) {
                return store.latest(origin);
            }
        }
        return Optional.empty();
    }

    public synchronized Outcome addCheckpoint(String requestBody) {
        AddCheckpoint request;
        try {
            request = AddCheckpoint.parse(requestBody);
        } catch (IllegalArgumentException e) {
            return new Refused(400, "malformed request: " + e.getMessage());
        }
        String note = request.checkpoint();
        int firstLine = note.indexOf('\n');
        TrustedLog log = firstLine < 0 ? null : logs.get(note.substring(0, firstLine));
        if (log == null) {
            return new Refused(404, "unknown log origin");
        }
        String body;
        try {
            body = verifiedBody(log, note);
        } catch (NoteVerificationException e) {
            return new Refused(403, e.getMessage());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(body);
        } catch (IllegalArgumentException e) {
            return new Refused(400, "not a checkpoint: " + e.getMessage());
        }
        if (request.oldSize() > checkpoint.treeSize()) {
            return new Refused(400, "the old size is larger than the checkpoint's");
        }
        Optional<Checkpoint> latest = store.latest(log.origin()).map(Witness::bodyOf).map(Checkpoint::parse);
        long latestSize = latest.map(Checkpoint::treeSize).orElse(0L);
        if (request.oldSize() != latestSize) {
            return new SizeMismatch(latestSize);
        }
        if (checkpoint.treeSize() == 0 && !MessageDigest.isEqual(checkpoint.rootHash(), TreeHash.emptyRoot())) {
            return new Refused(422, "a checkpoint of size zero has the empty tree's root");
        }
        byte[] oldRoot = latest.map(Checkpoint::rootHash).orElse(TreeHash.emptyRoot());
        if (latest.isPresent() && latestSize == checkpoint.treeSize()) {
            // tlog-witness before its revision #280 (which the ledger's contract follows): a second root for a
            // size already cosigned is a conflict, the proof of a split view
            if (!MessageDigest.isEqual(oldRoot, checkpoint.rootHash()) || !request.proof().isEmpty()) {
                return new Refused(409, "a different root for the size already cosigned");
            }
        } else if (!Proofs.verifyConsistency(request.oldSize(), checkpoint.treeSize(), oldRoot,
                checkpoint.rootHash(), request.proof())) {
            return new Refused(422, "the consistency proof does not verify");
        }
        String line = cosigner.cosign(body, epochSeconds.getAsLong());
        store.save(log.origin(), note + line);
        return new Cosigned(line);
    }

    // Trusted keys only; a line of a trusted key that fails is a refusal, at least one must verify.
    private static String verifiedBody(TrustedLog log, String note) {
        String body = null;
        for (NoteVerifier key : log.keys()) {
            try {
                body = key.verify(note);
            } catch (NoteVerificationException e) {
                if (!e.getMessage().startsWith("no signature of key")) {
                    throw e;
                }
            }
        }
        if (body == null) {
            throw new NoteVerificationException("no signature of a trusted key of the log");
        }
        return body;
    }

    /** The lowercase hex SHA-256 of a log's origin: how tlog-witness's monitoring path names the log. */
    public static String originHash(String origin) {
        return java.util.HexFormat.of().formatHex(TreeHash.sha256(Utf8.encode(origin)));
    }

    /** The body of a signed note (up to and including the newline before the blank line). */
    public static String bodyOf(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("not a signed note");
        }
        return note.substring(0, split + 1);
    }
}
