package ledger.core.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/**
 * An erasure was asked for or fell due, but legal holds (or, for an automatic retention erasure, a
 * restriction of processing) keep the data: it is recorded here and runs, with its {@code ground},
 * when the last hold is released and no restriction keeps it. {@code ground} is {@code null} in
 * events stored before it was recorded: those were automatic retention erasures.
 */
public record ErasureDeferred(MemberId memberId, List<UUID> holds, Actor by, Instant at, ErasureGround ground)
        implements MemberEvent {

    public ErasureDeferred {
        holds = List.copyOf(holds);
    }
}
