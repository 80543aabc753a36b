package ledger.core.member;

import java.time.Instant;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/** All personal data of the member erased; what happened and when stays in the audit trail. */
public record MemberErased(
        MemberId memberId,
        ErasureGround ground,
        Actor by,
        Instant at) implements MemberEvent {
}
