package ledger.core.request;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/**
 * The DPM records a request as received on {@code receivedAt} (Art. 12(3): answer within a month): of a
 * member ({@code memberId}), or of anyone, by their contact data ({@code requesterEmail}, optionally
 * {@code requesterName}), sealed under the request's own key and shredded when its retention ends.
 */
public record RecordRequest(
        @TargetAggregateIdentifier @SubjectId RequestId requestId,
        MemberId memberId,
        RequestType type,
        Instant receivedAt,
        Actor requestedBy,
        @PersonalData String requesterEmail,
        @PersonalData String requesterName) {

    /** A member's request. */
    public RecordRequest(RequestId requestId, MemberId memberId, RequestType type, Instant receivedAt,
                         Actor requestedBy) {
        this(requestId, memberId, type, receivedAt, requestedBy, null, null);
    }
}
