package ledger.core.consent;

import java.time.Instant;

/**
 * Asks for one page of consent events across members: optionally of one purpose and within
 * [{@code from}, {@code to}), after the entry {@code after} (a cursor; 0 for the first page).
 */
public record FindConsentEvents(String purpose, Instant from, Instant to, long after, int limit) {
}
