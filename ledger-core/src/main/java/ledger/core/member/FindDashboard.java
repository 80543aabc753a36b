package ledger.core.member;

import java.time.Instant;

/**
 * Asks for what the DPM's console shows at a glance: ended memberships whose erasure falls due
 * before {@code erasureDueBefore}, and the open legal holds; at most {@code limit} of each, soonest first.
 */
public record FindDashboard(Instant erasureDueBefore, int limit) {
}
