package ledger.core.member;

/** Why personal data must be kept despite an erasure request (GDPR Art. 17(3)). */
public enum LegalHoldGround {
    /** Art. 17(3)(b): a legal obligation to keep the data. */
    LEGAL_OBLIGATION,
    /** Art. 17(3)(e): the establishment, exercise or defence of legal claims. */
    LEGAL_CLAIMS,
    /** Art. 17(3)(b): a task in the public interest or official authority. */
    PUBLIC_INTEREST,
    /** Art. 17(3)(d): archiving in the public interest, research or statistics. */
    ARCHIVING,
    /** Kept for security purposes (e.g. investigating misuse), as the policy reserves. */
    SECURITY
}
