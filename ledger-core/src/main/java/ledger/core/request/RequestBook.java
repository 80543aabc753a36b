package ledger.core.request;

import java.time.Instant;
import java.util.List;

import ledger.core.member.MemberId;

/**
 * The rules across requests, kept in the command's own transaction (as usernames are): which
 * requests of a member are open, and which member event answered which request, so that one event
 * completes one request and an answering event finds every request recorded before it committed.
 */
public interface RequestBook {

    void open(RequestId request, MemberId member, RequestType type, Instant receivedAt);

    /** Claims the member's event as the request's answer; {@code false} when it answered another request. */
    boolean claimAnswer(MemberId member, long sequence, RequestId request);

    /** Whether the member's event already answered a request. */
    boolean answered(MemberId member, long sequence);

    void close(RequestId request);

    /** The member's open requests, oldest receipt first. */
    List<OpenRequest> openOf(MemberId member);

    record OpenRequest(RequestId requestId, RequestType type, Instant receivedAt) {
    }
}
