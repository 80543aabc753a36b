package ledger.core.request;

import java.time.Instant;

/** Asks for data-subject requests in one status at {@code now} (overdue: open and due before it). */
public record FindRequests(RequestStatus status, Instant now, int limit) {
}
