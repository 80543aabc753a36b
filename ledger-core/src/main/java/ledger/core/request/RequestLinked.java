package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** A request received from someone known by contact data only turned out to be the member's. */
public record RequestLinked(
        RequestId requestId,
        MemberId memberId,
        Actor by,
        Instant at) implements RequestEvent {
}
