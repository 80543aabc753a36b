package ledger.core.member;

/**
 * The set of usernames in use across all members: a set-based rule no single aggregate can check.
 * Implementations must join the command's transaction, so a claim and the registration commit or
 * roll back together, and must stay correct under concurrent registrations on several nodes.
 */
public interface UsernameRegistry {

    enum Claim {
        CLAIMED,
        USERNAME_TAKEN,
        MEMBER_EXISTS
    }

    Claim claim(String username, MemberId memberId);

    /** Frees the member's username, e.g. when the member is erased. */
    void release(MemberId memberId);
}
