package ledger.core.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 inclusion and consistency proofs, built from stored perfect subtrees and verified with the
 * RFC's own algorithms. Builders refuse impossible arguments (IllegalArgumentException); verifiers
 * never throw on bad input, they answer false.
 */
public final class Proofs {

    private Proofs() {
    }

    /**
     * MTH of leaves [from, to) computed from perfect subtrees only. O(log n) reads when the range starts on
     * a multiple of its own size rounded up to a power of two, which holds for from = 0 and for every
     * range a proof asks for; any other range is still answered correctly, with more reads.
     */
    public static byte[] rangeHash(long from, long to, SubtreeHashes hashes) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("need 0 <= from < to, got [" + from + ", " + to + ")");
        }
        return mth(from, to, hashes);
    }

    /** rangeHash(0, treeSize); emptyRoot() for 0. */
    public static byte[] root(long treeSize, SubtreeHashes hashes) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size " + treeSize);
        }
        return treeSize == 0 ? TreeHash.emptyRoot() : mth(0, treeSize, hashes);
    }

    /** RFC 9162 2.1.3.1 inclusion proof (audit path) of leaf {@code index} in the tree of {@code treeSize}. */
    public static List<byte[]> inclusion(long index, long treeSize, SubtreeHashes hashes) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + treeSize);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, treeSize, hashes, proof);
        return proof;
    }

    /** RFC 9162 2.1.4.1 consistency proof between tree sizes first <= second (empty when first is 0 or equal). */
    public static List<byte[]> consistency(long first, long second, SubtreeHashes hashes) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("need 0 <= first <= second, got " + first + ", " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0) {
            subproof(first, 0, second, true, hashes, proof);
        }
        return proof;
    }

    /** RFC 9162 2.1.3.2 verification. */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof,
            byte[] root) {
        if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root) || !allHashes(proof)) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHash.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = TreeHash.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 2.1.4.2 verification. The RFC covers 0 < first < second; at the edges a proof must be empty:
     * first == second needs equal roots, first == 0 needs firstRoot to be the empty tree's root.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (first < 0 || first > second || !isHash(firstRoot) || !isHash(secondRoot) || !allHashes(proof)) {
            return false;
        }
        if (first == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, TreeHash.emptyRoot());
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>();
        if (Long.bitCount(first) == 1) {
            path.add(firstRoot);
        }
        path.addAll(proof);
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHash.nodeHash(c, fr);
                sr = TreeHash.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = TreeHash.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    // MTH(D[from:to]): one read when the range is a stored perfect subtree, else split as RFC 9162 does.
    private static byte[] mth(long from, long to, SubtreeHashes hashes) {
        long n = to - from;
        if (Bits.isPerfect(from, n)) {
            int level = Long.numberOfTrailingZeros(n);
            return read(hashes, level, from >>> level);
        }
        long k = Bits.largestPowerOfTwoBelow(n);
        return TreeHash.nodeHash(mth(from, from + k, hashes), mth(from + k, to, hashes));
    }

    // PATH(m, D[from:to]), appended leaf-side first.
    private static void path(long m, long from, long to, SubtreeHashes hashes, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = Bits.largestPowerOfTwoBelow(n);
        if (m < from + k) {
            path(m, from, from + k, hashes, proof);
            proof.add(mth(from + k, to, hashes));
        } else {
            path(m, from + k, to, hashes, proof);
            proof.add(mth(from, from + k, hashes));
        }
    }

    // SUBPROOF(m, D[from:to], b) with m counted from `from`.
    private static void subproof(long m, long from, long to, boolean complete, SubtreeHashes hashes,
            List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(mth(from, to, hashes));
            }
            return;
        }
        long k = Bits.largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, hashes, proof);
            proof.add(mth(from + k, to, hashes));
        } else {
            subproof(m - k, from + k, to, false, hashes, proof);
            proof.add(mth(from, from + k, hashes));
        }
    }

    private static byte[] read(SubtreeHashes hashes, int level, long index) {
        byte[] hash = hashes.hash(level, index);
        if (!isHash(hash)) {
            throw new IllegalStateException("no 32-byte hash stored for subtree (" + level + ", " + index + ")");
        }
        return hash;
    }

    static boolean isHash(byte[] hash) {
        return hash != null && hash.length == TreeHash.HASH_BYTES;
    }

    private static boolean allHashes(List<byte[]> proof) {
        return proof != null && proof.stream().allMatch(Proofs::isHash);
    }
}
