package ledger.core.request;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/**
 * A request was recorded: of a member, or of a requester known by contact data only ({@code memberId}
 * null), sealed under the request's own key.
 */
public record RequestRecorded(
        @SubjectId RequestId requestId,
        MemberId memberId,
        RequestType type,
        Instant receivedAt,
        Instant dueAt,
        Actor by,
        Instant at,
        @PersonalData String requesterEmail,
        @PersonalData String requesterName) implements RequestEvent {

    /** A member's request. */
    public RequestRecorded(RequestId requestId, MemberId memberId, RequestType type, Instant receivedAt, Instant dueAt,
                           Actor by, Instant at) {
        this(requestId, memberId, type, receivedAt, dueAt, by, at, null, null);
    }
}
