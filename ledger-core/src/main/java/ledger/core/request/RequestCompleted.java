package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/**
 * The request completed by the member event that answered it (its type and sequence number).
 * {@code answeredAt} is that event's time; a request answered after its deadline is {@code late}
 * by {@code daysLate} started days. The last three are {@code null} in events stored before they
 * existed.
 */
public record RequestCompleted(
        RequestId requestId,
        MemberId memberId,
        String resultingEventType,
        long resultingEventSeq,
        Actor by,
        Instant at,
        Instant answeredAt,
        Boolean late,
        Long daysLate) implements RequestEvent {
}
