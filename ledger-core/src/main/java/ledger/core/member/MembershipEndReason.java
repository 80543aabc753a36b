package ledger.core.member;

/** Why a membership ended; the policy lets the company remove members at any time. */
public enum MembershipEndReason {
    CEASED_PARTNER,
    MEMBER_REQUEST,
    MISUSE,
    /** Set by the ledger itself when the optional inactivity rule ends a membership; not for callers. */
    INACTIVITY
}
