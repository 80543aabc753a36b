package ledger.core.log;

/** Integer helpers shared by the tree algorithms. */
final class Bits {

    private Bits() {
    }

    /** The largest power of two strictly below n (RFC 9162's split point k); n must be at least 2. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** True when [from, from + n) is one perfect subtree: n a power of two and from a multiple of it. */
    static boolean isPerfect(long from, long n) {
        return Long.bitCount(n) == 1 && (from & (n - 1)) == 0;
    }
}
