package ledger.core.request;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The retention of a requester's contact data ended: it is shredded now ({@link ShredRequesterData}). */
public record RequesterDataDue(
        RequestId requestId,
        Actor by,
        Instant at) implements RequestEvent {

    @Override
    public ledger.core.member.MemberId memberId() {
        return null;
    }
}
