package ledger.core.member;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** Profile fields rectified (Art. 16); only changed fields are set, the others are {@code null}. */
public record ProfileEdited(
        @SubjectId MemberId memberId,
        @PersonalData String givenName,
        @PersonalData String familyName,
        @PersonalData String company,
        @PersonalData String email,
        Actor by,
        Instant at) implements MemberEvent {
}
