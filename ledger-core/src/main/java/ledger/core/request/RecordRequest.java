package ledger.core.request;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** The DPM records a request as received on {@code receivedAt} (Art. 12(3): answer within a month). */
public record RecordRequest(
        @TargetAggregateIdentifier RequestId requestId,
        MemberId memberId,
        RequestType type,
        Instant receivedAt,
        Actor requestedBy) {
}
