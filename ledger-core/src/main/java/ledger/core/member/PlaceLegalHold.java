package ledger.core.member;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** The DPM holds the member's data: erasure is refused (manual) or deferred (automatic) until released. */
public record PlaceLegalHold(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        UUID holdId,
        LegalHoldGround ground,
        @PersonalData String reason,
        Actor requestedBy) implements MemberCommand {
}
