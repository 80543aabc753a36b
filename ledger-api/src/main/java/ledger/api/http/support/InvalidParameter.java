package ledger.api.http.support;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpStatus;

/** A query parameter that cannot be used (400). Names the parameter, never echoes its value. */
public final class InvalidParameter extends ApiProblem {

    public InvalidParameter(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid-parameter", message, parameter);
    }

    /** The earliest instant a query range may name: nothing in the ledger is older. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The first instant a query range may no longer name: four-digit years only (PostgreSQL and ISO-8601 agree). */
    public static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    /** An optional ISO-8601 instant parameter within the years 1970 to 9999. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be an ISO-8601 UTC instant, e.g. 2026-01-31T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(END)) {
            throw new InvalidParameter(name, name + " must lie in the years 1970 to 9999");
        }
        return instant;
    }
}
