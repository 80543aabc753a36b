package ledger.core.request;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/**
 * The request ends refused. The reason is free text told to the person: personal data, shredded
 * with the member's key. {@code daysLate} counts started days past the deadline (0 when in time).
 */
public record RequestRefused(
        RequestId requestId,
        @SubjectId MemberId memberId,
        @PersonalData String reason,
        boolean late,
        long daysLate,
        Actor by,
        Instant at) implements RequestEvent {
}
