package ledger.core.request;

import java.time.Instant;

/** Asks for data-subject requests in one list at {@code now} (overdue: open and due before it). */
public record FindRequests(RequestFilter filter, Instant now, int limit) {
}
