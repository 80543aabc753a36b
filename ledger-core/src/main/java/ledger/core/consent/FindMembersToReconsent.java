package ledger.core.consent;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Asks for one page of active members, in member-id order after {@code after}, who hold a granted
 * consent to one of the purposes named in {@code upToDate} under a version not listed for that
 * purpose there (see {@link ledger.core.notice.Reconsent#upToDate}).
 */
public record FindMembersToReconsent(Map<String, Set<String>> upToDate, UUID after, int limit) {

    public FindMembersToReconsent {
        upToDate = Map.copyOf(upToDate);
    }
}
