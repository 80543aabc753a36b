package ledger.core.request;

/** Asks for one data-subject request. */
public record FindRequest(RequestId requestId) {
}
