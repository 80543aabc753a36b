package ledger.core.notice;

/** What a notice tells the member about one purpose: what it is for and on which legal basis. */
public record NoticePurpose(String description, String legalBasis) {
}
