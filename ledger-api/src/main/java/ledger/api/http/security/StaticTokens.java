package ledger.api.http.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ledger.api.configuration.LedgerProperties;

/**
 * Static bearer tokens from configuration, each mapped to one role. Comparison is constant-time
 * and a token is never logged; the caller is named by role and position ({@code static:PORTAL#1}).
 */
public final class StaticTokens {

    /** The documented local defaults; refused in every profile but the default one. */
    public static final Map<Role, String> DEV_DEFAULTS = Map.of(
            Role.PORTAL, "dev-portal-token",
            Role.AUDITOR, "dev-auditor-token",
            Role.DPM, "dev-dpm-token",
            Role.ADMIN, "dev-admin-token");

    record Entry(byte[] token, Role role, String principal) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public StaticTokens(LedgerProperties.Tokens tokens) {
        add(tokens.portal(), Role.PORTAL);
        add(tokens.auditor(), Role.AUDITOR);
        add(tokens.dpm(), Role.DPM);
        add(tokens.admin(), Role.ADMIN);
    }

    private void add(List<String> values, Role role) {
        int position = 0;
        for (String value : values) {
            String token = value.strip();
            if (token.isEmpty()) {
                continue;
            }
            if (token.length() < 12) {
                throw new IllegalStateException("ledger.tokens." + role.name().toLowerCase()
                        + ": every token must have at least 12 characters");
            }
            position++;
            entries.add(new Entry(token.getBytes(StandardCharsets.UTF_8), role, "static:" + role + "#" + position));
        }
    }

    /** Checks every entry, so the time taken does not tell which one matched. */
    Optional<Entry> match(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.token(), candidate) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean containsDevDefault() {
        return DEV_DEFAULTS.values().stream().anyMatch(d -> match(d).isPresent());
    }
}
