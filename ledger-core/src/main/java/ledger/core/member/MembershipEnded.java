package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The membership ended; personal data is erased at {@code erasureDueAt} unless held. */
public record MembershipEnded(
        MemberId memberId,
        MembershipEndReason reason,
        Instant erasureDueAt,
        Actor by,
        Instant at) implements MemberEvent {
}
