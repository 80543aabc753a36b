package ledger.core.request;

import java.time.Instant;

/** Where a data-subject request stands at a moment: overdue is open past its deadline. */
public enum RequestStatus {
    OPEN,
    OVERDUE,
    COMPLETED,
    REFUSED;

    public static RequestStatus of(Instant dueAt, Instant completedAt, Instant refusedAt, Instant now) {
        if (completedAt != null) {
            return COMPLETED;
        }
        if (refusedAt != null) {
            return REFUSED;
        }
        return dueAt.isBefore(now) ? OVERDUE : OPEN;
    }
}
