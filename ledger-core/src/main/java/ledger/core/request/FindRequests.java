package ledger.core.request;

import java.time.Instant;

/** Asks for data-subject requests: {@code status} is open, overdue (open and due before {@code now}) or completed. */
public record FindRequests(String status, Instant now, int limit) {
}
