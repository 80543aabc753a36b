package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

public record RestrictionLifted(MemberId memberId, Actor by, Instant at) implements MemberEvent {
}
