package ledger.core.member;

import ledger.core.shared.ErasureGround;
import java.time.Instant;

/** The answer to an erasure, the same on every repetition. Holds no personal data. */
public record ErasureReceipt(MemberId memberId, ErasureGround ground, Instant erasedAt) implements ErasureOutcome {
}
