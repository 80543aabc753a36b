package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.shared.Actor;

public record LegalHoldReleased(MemberId memberId, UUID holdId, Actor by, Instant at) implements MemberEvent {
}
