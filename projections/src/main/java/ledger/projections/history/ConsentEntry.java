package ledger.projections.history;

import java.time.Instant;

import ledger.core.shared.Actor;

/** One consent event of a member as the consent history and the register extract show it. */
public record ConsentEntry(long seq, String type, String purpose, String policyVersion, String channel, Instant at,
                           Actor actor) {
}
