package ledger.core.request;

import java.time.Instant;

/** Asks how many requests are open past their deadline at {@code now} (the overdue metric). */
public record CountOverdueRequests(Instant now) {
}
