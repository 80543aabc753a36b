package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/**
 * The member has not used the portal for a while: unless they do, the membership ends as ceased at
 * {@code membershipEndsAt} (the inactivity period, 30 days ahead). The portal is told and mails them.
 */
public record InactivityWarned(
        MemberId memberId,
        Instant membershipEndsAt,
        Actor by,
        Instant at) implements MemberEvent {
}
