package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The member objected to processing for a purpose (Art. 21); processing for it ends. */
public record ObjectionRecorded(
        MemberId memberId,
        String purpose,
        Actor by,
        Instant at) implements MemberEvent {
}
