package ledger.core.request;

/** Asks for the whole trail of one request: every event, in order, with who and when. */
public record FindRequestHistory(RequestId requestId) {
}
