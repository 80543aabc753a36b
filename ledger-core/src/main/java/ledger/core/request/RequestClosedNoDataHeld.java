package ledger.core.request;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The requester was answered that the controller holds no data about them; on time or {@code daysLate}. */
public record RequestClosedNoDataHeld(
        RequestId requestId,
        boolean late,
        long daysLate,
        Actor by,
        Instant at) implements RequestEvent {

    @Override
    public ledger.core.member.MemberId memberId() {
        return null;
    }
}
