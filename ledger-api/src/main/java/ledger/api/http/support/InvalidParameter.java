package ledger.api.http.support;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpStatus;

/** A query parameter that cannot be used (400). Names the parameter, never echoes its value. */
public final class InvalidParameter extends ApiProblem {

    public InvalidParameter(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid-parameter", message, parameter);
    }

    /** An optional ISO-8601 instant parameter. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, name + " must be an ISO-8601 UTC instant, e.g. 2026-01-31T00:00:00Z");
        }
    }
}
