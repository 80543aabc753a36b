package ledger.core.request;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** The reason is free text told to the person: personal data, shredded with the member's key. */
public record RequestExtended(
        RequestId requestId,
        @SubjectId MemberId memberId,
        int months,
        Instant dueAt,
        @PersonalData String reason,
        Actor by,
        Instant at) implements RequestEvent {
}
