package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

public record RequestRecorded(
        RequestId requestId,
        MemberId memberId,
        RequestType type,
        Instant receivedAt,
        Instant dueAt,
        Actor by,
        Instant at) implements RequestEvent {
}
