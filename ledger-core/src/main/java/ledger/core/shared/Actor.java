package ledger.core.shared;

import java.util.Objects;

/**
 * Who caused a message: the authenticated caller (a client or system principal, never a member's
 * personal data) and the role it acted in.
 */
public record Actor(String principal, String role) {

    public static final Actor SYSTEM = new Actor("ledger", "SYSTEM");

    public Actor {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
    }
}
