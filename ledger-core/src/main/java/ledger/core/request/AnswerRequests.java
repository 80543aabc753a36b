package ledger.core.request;

import org.axonframework.commandhandling.RoutingKey;

import ledger.core.member.MemberId;

/**
 * A member event that answers some kind of request was stored: it completes the member's oldest
 * open request it answers, if any (sent by the ledger itself, actor SYSTEM).
 */
public record AnswerRequests(@RoutingKey MemberId memberId, long sequence) {
}
