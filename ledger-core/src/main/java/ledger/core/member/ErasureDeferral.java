package ledger.core.member;

import java.util.List;
import java.util.UUID;

import ledger.core.erasure.ErasureGround;

/**
 * The erasure is recorded ({@link ErasureDeferred}) but waits: for the legal holds named (it runs
 * when the last is released), or, for an automatic retention erasure, for the restriction of
 * processing to be lifted ({@code restricted}). Holds no personal data.
 */
public record ErasureDeferral(MemberId memberId, ErasureGround ground, List<UUID> holds, boolean restricted)
        implements ErasureOutcome {

    public ErasureDeferral {
        holds = List.copyOf(holds);
    }
}
