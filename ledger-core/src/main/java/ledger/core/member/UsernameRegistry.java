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

    /**
     * The member holding this username (compared after NFKC and lower case, as claims are), for the
     * DPM's lookup; the caller checks the exact spelling against the member view.
     */
    java.util.Optional<MemberId> holderOf(String username);

    /** Frees the member's username, e.g. when the member is erased. */
    void release(MemberId memberId);
}
