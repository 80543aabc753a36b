package ledger.core.request;

import java.time.Instant;

import ledger.core.shared.Actor;

/** The request's key was shredded: its requester's contact data reads as erased everywhere, for good. */
public record RequesterDataShredded(
        RequestId requestId,
        Actor by,
        Instant at) implements RequestEvent {

    @Override
    public ledger.core.member.MemberId memberId() {
        return null;
    }
}
