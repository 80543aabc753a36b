package ledger.core.shared;

/**
 * The legal ground of an erasure (GDPR Art. 17(1)). A closed vocabulary on purpose: free-text
 * reasons tend to carry personal data into the audit trail, which outlives the member's key.
 */
public enum ErasureGround {
    /** Art. 17(1)(a): no longer necessary, e.g. the retention period after the membership passed. */
    RETENTION_EXPIRED,
    /** Art. 17(1)(b): consent withdrawn and no other legal ground. */
    CONSENT_WITHDRAWN,
    /** The member asked for erasure. */
    MEMBER_REQUEST,
    /** Art. 17(1)(c): the member objected to the processing. */
    OBJECTION,
    /** Art. 17(1)(d): the data was processed unlawfully. */
    UNLAWFUL_PROCESSING,
    /** Art. 17(1)(e): erasure required by a legal obligation. */
    LEGAL_OBLIGATION
}
