package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** Extends the deadline once, by one or two months, with the reason told to the person. */
public record ExtendRequest(
        @TargetAggregateIdentifier RequestId requestId,
        @SubjectId MemberId memberId,
        int months,
        @PersonalData String reason,
        Actor requestedBy) {
}
