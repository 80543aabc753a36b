package ledger.core.member;

import java.util.HashMap;
import java.util.Map;

/** The username registry's contract, in memory, for fixture tests. */
final class InMemoryUsernames implements UsernameRegistry {

    private final Map<String, MemberId> owners = new HashMap<>();

    @Override
    public Claim claim(String username, MemberId memberId) {
        if (owners.containsValue(memberId)) {
            return Claim.MEMBER_EXISTS;
        }
        if (owners.containsKey(username)) {
            return Claim.USERNAME_TAKEN;
        }
        owners.put(username, memberId);
        return Claim.CLAIMED;
    }

    @Override
    public void release(MemberId memberId) {
        owners.values().removeIf(memberId::equals);
    }

    @Override
    public java.util.Optional<MemberId> holderOf(String username) {
        return java.util.Optional.ofNullable(owners.get(username));
    }

    boolean taken(String username) {
        return owners.containsKey(username);
    }
}
