package ledger.core.member;

import java.time.Instant;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/**
 * The member's data must now be erased (the retention period passed, or the hold that deferred
 * it was released). The retention automation answers it with an automatic {@link EraseMember}.
 */
public record ErasureDue(MemberId memberId, ErasureGround ground, Actor by, Instant at) implements MemberEvent {
}
