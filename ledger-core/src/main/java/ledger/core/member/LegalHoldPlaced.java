package ledger.core.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/**
 * A legal hold with its ground and the date by which it is to be reviewed ({@code null} in events
 * stored before holds had one); the reason is free text and so treated as personal data.
 */
public record LegalHoldPlaced(
        @SubjectId MemberId memberId,
        UUID holdId,
        LegalHoldGround ground,
        @PersonalData String reason,
        Actor by,
        Instant at,
        LocalDate reviewBy) implements MemberEvent {
}
