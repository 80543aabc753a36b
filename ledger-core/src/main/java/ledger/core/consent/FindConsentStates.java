package ledger.core.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Asks, for each of {@code memberIds}, for the last consent event of {@code purpose} at or before {@code at}. */
public record FindConsentStates(String purpose, Instant at, List<UUID> memberIds) {

    public FindConsentStates {
        memberIds = List.copyOf(memberIds);
    }
}
