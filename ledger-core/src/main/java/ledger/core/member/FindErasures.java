package ledger.core.member;

import java.time.Instant;

/** Asks for the erasure receipts within [{@code from}, {@code to}), oldest first. */
public record FindErasures(Instant from, Instant to, int limit) {
}
