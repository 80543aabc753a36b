package ledger.core.log;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * C2SP tlog-checkpoint body: "&lt;origin&gt;\n&lt;treeSize decimal&gt;\n&lt;base64 std root&gt;\n" (no extension lines).
 * Parsing is strict and canonical: exactly one body text per checkpoint, so signatures over bodies compare.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    public Checkpoint {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint needs an origin");
        }
        if (origin.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the origin must not contain control characters");
        }
        Utf8.encode(origin);
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size " + treeSize);
        }
        if (!Proofs.isHash(rootHash)) {
            throw new IllegalArgumentException("the root hash is 32 bytes");
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Strict: exactly three lines, each ending in "\n", canonical decimal and base64; anything else is refused. */
    public static Checkpoint parse(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint body ends with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length != 3) {
            throw new IllegalArgumentException("a checkpoint body is exactly three lines, got " + lines.length);
        }
        return new Checkpoint(lines[0], parseSize(lines[1]), Base64s.decodeCanonical(lines[2], "root hash"));
    }

    private static long parseSize(String text) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("tree size is not a canonical decimal: " + text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tree size out of range: " + text, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + treeSize + ", " + HexFormat.of().formatHex(rootHash) + "]";
    }
}
