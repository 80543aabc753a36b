package ledger.core.contactcase;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A contact case's identity; it is also the data subject id of the case's personal data. */
public record ContactCaseId(UUID value) {

    public ContactCaseId {
        Objects.requireNonNull(value, "value");
    }

    public static ContactCaseId random() {
        return new ContactCaseId(UUID.randomUUID());
    }

    @JsonCreator
    public static ContactCaseId of(UUID value) {
        return new ContactCaseId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
