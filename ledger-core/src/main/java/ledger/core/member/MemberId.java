package ledger.core.member;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A member's identity: a random UUID, so ids reveal nothing about the member or their order. */
public record MemberId(UUID value) {

    public MemberId {
        Objects.requireNonNull(value, "value");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID());
    }

    @JsonCreator
    public static MemberId of(UUID value) {
        return new MemberId(value);
    }

    public static MemberId parse(String value) {
        return new MemberId(UUID.fromString(value));
    }

    /** Axon stores {@code toString()} as the aggregate identifier. */
    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
