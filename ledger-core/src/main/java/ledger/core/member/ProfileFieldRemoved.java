package ledger.core.member;

import java.time.Instant;

import ledger.core.crypto.SubjectId;
import ledger.core.shared.Actor;

/** An optional profile field removed (Art. 16, a rectification): the field's name, never its value. */
public record ProfileFieldRemoved(
        @SubjectId MemberId memberId,
        String field,
        Actor by,
        Instant at) implements MemberEvent {
}
