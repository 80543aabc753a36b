package ledger.api.http.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The callers of the ledger, as API.md names them. */
public enum Role {
    PORTAL,
    AUDITOR,
    DPM,
    ADMIN;

    /** A role value in a token: ASCII letters only ({@code dpm} is DPM, a dotless {@code admın} nothing). */
    private static final Pattern CLAIMED = Pattern.compile("[A-Za-z]{1,32}");

    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * The roles a token's roles claim names (a list, or a space- or comma-separated string), compared
     * without regard to ASCII case; anything else in it names none. One rule for the API's JWTs and the
     * console's OpenID Connect sign-in.
     */
    public static Set<Role> claimedIn(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof String text) {
            values.addAll(List.of(text.split("[ ,]+")));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String raw : values) {
            String value = raw.strip();
            if (CLAIMED.matcher(value).matches()) {
                for (Role role : values()) {
                    if (role.name().equals(value.toUpperCase(Locale.ROOT))) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }
}
