package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/** Processing of the member's data restricted (Art. 18), with its ground. */
public record ProcessingRestricted(
        MemberId memberId,
        RestrictionGround ground,
        Actor by,
        Instant at) implements MemberEvent {
}
