package ledger.core.consent;

import java.time.Instant;
import java.util.UUID;

/** Asks for the members whose consent to {@code purpose} is granted at {@code at}: ids after {@code after}, in order. */
public record FindAudience(String purpose, Instant at, UUID after, int limit) {
}
