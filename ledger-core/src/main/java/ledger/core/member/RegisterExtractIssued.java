package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/** A register extract was issued: to whom it was given is the actor, for whom the member. */
public record RegisterExtractIssued(
        MemberId memberId,
        String format,
        Actor by,
        Instant at) implements MemberEvent {
}
