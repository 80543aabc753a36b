package ledger.core.member;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/**
 * The DPM holds the member's data (Art. 17(3)): every erasure is recorded and deferred until the last
 * hold is released, and processing is restricted while it stands. The hold is to be reviewed by
 * {@code reviewBy}.
 */
public record PlaceLegalHold(
        @SubjectId @TargetAggregateIdentifier MemberId memberId,
        UUID holdId,
        LegalHoldGround ground,
        @PersonalData String reason,
        LocalDate reviewBy,
        Actor requestedBy) implements MemberCommand {
}
