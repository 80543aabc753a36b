package ledger.api.http.support;

import org.springframework.stereotype.Component;

import ledger.api.configuration.LedgerProperties;

/** The one paging policy of every list endpoint: {@code limit} is optional, positive and bounded. */
@Component
public final class PageLimit {

    private final int defaultLimit;
    private final int maxLimit;

    PageLimit(LedgerProperties properties) {
        LedgerProperties.Paging paging = properties.http().paging();
        int defaultLimit = paging.defaultLimit();
        int maxLimit = paging.maxLimit();
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("ledger.http.paging: 1 <= default-limit <= max-limit");
        }
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The largest page any list endpoint answers. */
    public int maxLimit() {
        return maxLimit;
    }

    /** The page size for a requested {@code limit} (or the default when none was given). */
    public int of(Integer requested) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw new InvalidParameter("limit", "limit must be between 1 and " + maxLimit);
        }
        return requested;
    }
}
