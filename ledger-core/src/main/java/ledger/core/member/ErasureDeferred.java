package ledger.core.member;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ledger.core.shared.Actor;

/** An automatic erasure fell due but legal holds keep the data; it runs when the last is released. */
public record ErasureDeferred(MemberId memberId, List<UUID> holds, Actor by, Instant at) implements MemberEvent {

    public ErasureDeferred {
        holds = List.copyOf(holds);
    }
}
