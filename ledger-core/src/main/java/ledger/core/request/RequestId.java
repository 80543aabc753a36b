package ledger.core.request;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A data-subject request's identity. */
public record RequestId(UUID value) {

    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID());
    }

    @JsonCreator
    public static RequestId of(UUID value) {
        return new RequestId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
