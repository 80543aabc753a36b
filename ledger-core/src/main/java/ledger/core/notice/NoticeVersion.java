package ledger.core.notice;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A privacy notice's version, as the company publishes it (e.g. {@code 2019-01-05}): the notice
 * aggregate's identity. Letters, digits, '.', '_' and '-', at most 32; never a UUID, so it cannot
 * be taken for the id of a member, a contact case or a request in the one event store.
 */
public record NoticeVersion(String value) {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    public NoticeVersion {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a notice version is 1-32 letters, digits, '.', '_' or '-'");
        }
    }

    @JsonCreator
    public static NoticeVersion of(String value) {
        return new NoticeVersion(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /** Axon stores {@code toString()} as the aggregate identifier. */
    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
