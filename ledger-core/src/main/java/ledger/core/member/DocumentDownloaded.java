package ledger.core.member;

import java.time.Instant;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** The member downloaded a document. */
public record DocumentDownloaded(
        @SubjectId MemberId memberId,
        @PersonalData String documentId,
        @PersonalData String title,
        Actor by,
        Instant at) implements MemberEvent {
}
