package ledger.core.shared;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who caused a message: the authenticated caller (a client or system principal, never a member's
 * personal data) and the role it acted in, and, when the caller names one, the person who acted
 * through it ({@code actingUser}: {@code member:<member id>} or {@code admin:<id>}, from the
 * portal's {@code X-Acting-User} header). Events stored before the acting user was recorded read
 * it as {@code null}; it is left out of the JSON when absent, so such events keep their bytes.
 */
public record Actor(String principal, String role, @JsonInclude(JsonInclude.Include.NON_NULL) String actingUser) {

    /** {@code member:<uuid>} (lower case) or {@code admin:<opaque id>}: an id, never a name or an address. */
    public static final Pattern ACTING_USER = Pattern.compile(
            "member:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|admin:[A-Za-z0-9._-]{1,64}");

    public static final Actor SYSTEM = new Actor("ledger", "SYSTEM");

    public Actor {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        if (actingUser != null && !ACTING_USER.matcher(actingUser).matches()) {
            throw new IllegalArgumentException("an acting user is member:<member id> or admin:<id>");
        }
    }

    /** The caller alone, no acting person named. */
    public Actor(String principal, String role) {
        this(principal, role, null);
    }

    /** The same caller, with the person who acted through it. */
    public Actor withActingUser(String acting) {
        return new Actor(principal, role, acting);
    }
}
