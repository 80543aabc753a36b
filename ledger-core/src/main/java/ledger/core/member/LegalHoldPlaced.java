package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** A legal hold with its ground; the reason is free text and so treated as personal data. */
public record LegalHoldPlaced(
        @SubjectId MemberId memberId,
        UUID holdId,
        LegalHoldGround ground,
        @PersonalData String reason,
        Actor by,
        Instant at) implements MemberEvent {
}
