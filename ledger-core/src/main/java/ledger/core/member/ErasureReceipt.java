package ledger.core.member;

import java.time.Instant;

import ledger.core.erasure.ErasureGround;

/** The answer to an erasure, the same on every repetition. Holds no personal data. */
public record ErasureReceipt(MemberId memberId, ErasureGround ground, Instant erasedAt) implements ErasureOutcome {
}
