package ledger.core.member;

/** Why processing of a member's data is restricted (GDPR Art. 18(1)). */
public enum RestrictionGround {
    /** Art. 18(1)(a): the member contests the accuracy of the data, while it is verified. */
    ACCURACY_CONTESTED,
    /** Art. 18(1)(b): the processing is unlawful and the member opposes erasure. */
    UNLAWFUL_PROCESSING,
    /** Art. 18(1)(c): the member needs the data for legal claims. */
    LEGAL_CLAIMS,
    /** Art. 18(1)(d): the member objected, pending the verification of the grounds. */
    OBJECTION_PENDING
}
