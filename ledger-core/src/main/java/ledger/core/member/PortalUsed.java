package ledger.core.member;

import java.time.Instant;
import java.time.LocalDate;

import ledger.core.shared.Actor;

/** The member used the portal on {@code day} (UTC): at most one such event a day per member. */
public record PortalUsed(
        MemberId memberId,
        LocalDate day,
        Actor by,
        Instant at) implements MemberEvent {
}
