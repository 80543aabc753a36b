package ledger.core.erasure;

import java.time.Instant;
import java.util.UUID;

/**
 * A place outside the event store that may hold a subject's personal data in the clear (a read
 * model, stored HTTP answers). Erasure calls every purge in its own transaction, so the receipt
 * is only given once none of them holds the data any more.
 */
public interface SubjectDataPurge {

    void purge(UUID subject);

    /** The same, for a place that records when the erasure happened (the erasure event's time). */
    default void purge(UUID subject, Instant erasedAt) {
        purge(subject);
    }
}
