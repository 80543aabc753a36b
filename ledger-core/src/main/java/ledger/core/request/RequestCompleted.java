package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

public record RequestCompleted(
        RequestId requestId,
        MemberId memberId,
        String resultingEventType,
        long resultingEventSeq,
        Actor by,
        Instant at) implements RequestEvent {
}
