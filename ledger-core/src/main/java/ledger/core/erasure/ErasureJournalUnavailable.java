package ledger.core.erasure;

/**
 * The erasure journal cannot be written: no erasure may commit (its write-ahead entry is what
 * keeps it erased after a restore), so the erasure is refused as a whole and may be retried.
 */
public class ErasureJournalUnavailable extends RuntimeException {

    public ErasureJournalUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
