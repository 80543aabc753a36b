package ledger.api.application.lookup;

import java.util.List;
import java.util.UUID;

/**
 * The blind index of e-mail addresses and usernames (V49): HMAC-SHA-256 of the normalised value under a
 * key derived from every held master key (the current one writes, all of them find, so a rotation loses
 * nothing). A subscribing processor: rows are written in the very transaction that stores the
 * registration or the edit, and deleted in the erasure's. A member's earlier addresses stay findable
 * until the erasure, as the events still hold them (Art. 15(3)). Lookups also require the member's data
 * key to be alive: a restored backup's rows of an erased member find nothing.
 */
public interface MemberLookupIndex {

    /** What is looked up. */
    public enum Kind {
        EMAIL, USERNAME
    }

    /** The members whose value of that kind is {@code value} (normalised as stored); none after their erasure. */
    List<UUID> find(Kind kind, String value);
}
