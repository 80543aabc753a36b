package ledger.core.log;

/**
 * Where proofs and roots read stored hashes from: the hash of the PERFECT subtree at (level, index),
 * i.e. over leaves [index * 2^level, (index + 1) * 2^level); level 0 = the leaf hashes themselves.
 */
@FunctionalInterface
public interface SubtreeHashes {
    byte[] hash(int level, long index);
}
