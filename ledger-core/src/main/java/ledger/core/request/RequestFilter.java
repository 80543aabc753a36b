package ledger.core.request;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The lists of requests the DPM asks for ({@code GET /requests?status=}): open (every request not
 * yet completed or refused, overdue ones included), due within {@link #DUE_SOON_WINDOW} and not overdue,
 * overdue, completed, refused.
 */
public enum RequestFilter {
    OPEN("open"),
    DUE_SOON("due-soon"),
    OVERDUE("overdue"),
    COMPLETED("completed"),
    REFUSED("refused");

    /** How far ahead "due soon" looks. */
    public static final Duration DUE_SOON_WINDOW = Duration.ofDays(7);

    private final String parameter;

    RequestFilter(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public static Optional<RequestFilter> ofParameter(String value) {
        return Arrays.stream(values()).filter(f -> f.parameter.equals(value)).findFirst();
    }
}
