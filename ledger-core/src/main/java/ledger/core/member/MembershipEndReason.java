package ledger.core.member;

/** Why a membership ended; the policy lets the company remove members at any time. */
public enum MembershipEndReason {
    CEASED_PARTNER,
    MEMBER_REQUEST,
    MISUSE
}
