package ledger.api.http.support;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import ledger.core.shared.Refusal;

/** A query parameter that cannot be used (400). Names the parameter, never echoes its value. */
public final class InvalidParameter extends Refusal {

    public InvalidParameter(String message) {
        super(Kind.INVALID, "invalid-parameter", message);
    }

    /** An optional ISO-8601 instant parameter. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name + " must be an ISO-8601 UTC instant, e.g. 2026-01-31T00:00:00Z");
        }
    }
}
