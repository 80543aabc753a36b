package ledger.core.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 9162 section 2.1.1 hashing. The 0x00 / 0x01 prefixes keep a leaf from ever being passed off as
 * an interior node (second-preimage resistance).
 */
public final class TreeHash {

    public static final int HASH_BYTES = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private TreeHash() {
    }

    /** SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(leafData);
        return sha.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH of the empty list: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH of the whole list of leaf hashes (the reference definition; proofs read stored subtrees instead). */
    public static byte[] root(List<byte[]> leafHashes) {
        return leafHashes.isEmpty() ? emptyRoot() : mth(leafHashes, 0, leafHashes.size());
    }

    private static byte[] mth(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = (int) Bits.largestPowerOfTwoBelow(n);
        return nodeHash(mth(leafHashes, from, from + k), mth(leafHashes, from + k, to));
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
