package ledger.core.request;

import java.time.Instant;
import java.time.ZoneOffset;

/** GDPR Art. 12(3): an answer within one month of receipt, extendable once by up to two months. */
public final class RequestDeadline {

    private RequestDeadline() {
    }

    /** One calendar month after receipt (UTC). */
    public static Instant initial(Instant receivedAt) {
        return plusMonths(receivedAt, 1);
    }

    static Instant extended(Instant due, int months) {
        return plusMonths(due, months);
    }

    private static Instant plusMonths(Instant instant, int months) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
