package ledger.core.log;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of C2SP tlog-witness {@code POST <prefix>/add-checkpoint}: an {@code old <size>} line, at
 * most 63 consistency proof lines (base64 hashes), an empty line, then the signed checkpoint note.
 * Parsing is strict; anything else is an IllegalArgumentException (the witness's 400).
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, String checkpoint) {

    public static final int MAX_PROOF_LINES = 63;

    public AddCheckpoint {
        if (oldSize < 0) {
            throw new IllegalArgumentException("negative old size");
        }
        if (proof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        proof = proof.stream().map(hash -> {
            if (!Proofs.isHash(hash)) {
                throw new IllegalArgumentException("a consistency proof line is a 32-byte hash");
            }
            return hash.clone();
        }).toList();
        if (checkpoint == null || checkpoint.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint after the empty line");
        }
    }

    public String format() {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] hash : proof) {
            body.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return body.append('\n').append(checkpoint).toString();
    }

    public static AddCheckpoint parse(String body) {
        if (body == null || body.length() > Notes.MAX_NOTE_BYTES) {
            throw new IllegalArgumentException("no body, or a body larger than a checkpoint can be");
        }
        int end = body.indexOf('\n');
        if (end < 0 || !body.startsWith("old ")) {
            throw new IllegalArgumentException("the first line is \"old <size>\"");
        }
        String size = body.substring(4, end);
        if (!size.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("the old size is not a canonical decimal");
        }
        long oldSize;
        try {
            oldSize = Long.parseLong(size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the old size is out of range", e);
        }
        List<byte[]> proof = new ArrayList<>();
        int start = end + 1;
        while (true) {
            end = body.indexOf('\n', start);
            if (end < 0) {
                throw new IllegalArgumentException("no empty line before the checkpoint");
            }
            if (end == start) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
            }
            byte[] hash = Base64s.decodeCanonical(body.substring(start, end), "a consistency proof line");
            proof.add(hash);
            start = end + 1;
        }
        return new AddCheckpoint(oldSize, proof, body.substring(end + 1));
    }
}
