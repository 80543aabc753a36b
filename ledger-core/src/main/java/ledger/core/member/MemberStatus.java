package ledger.core.member;

public enum MemberStatus {
    ACTIVE,
    ENDED,
    ERASED
}
