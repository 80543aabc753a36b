package ledger.api.application.lookup;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import ledger.api.application.lookup.MemberLookupIndex;
import ledger.api.application.reading.ReadAudit;
import ledger.core.shared.Actor;

/**
 * The DPM finds the member a request is about: by e-mail (requests arrive by e-mail) or username,
 * for the API and the console alike. Every member found is recorded in the read audit (who looked,
 * why, when); the value looked for is never stored nor logged.
 */
@Component
public class MemberLookups {

    /** The resource name of a lookup in the read audit. */
    public static final String RESOURCE = "member-lookup";

    private final MemberLookupIndex index;
    private final ReadAudit audit;

    MemberLookups(MemberLookupIndex index, ReadAudit audit) {
        this.index = index;
        this.audit = audit;
    }

    @Transactional
    public List<UUID> byEmail(String email, Actor by, String purpose) {
        return recorded(index.find(MemberLookupIndex.Kind.EMAIL, email), by, purpose);
    }

    @Transactional
    public List<UUID> byUsername(String username, Actor by, String purpose) {
        return recorded(index.find(MemberLookupIndex.Kind.USERNAME, username), by, purpose);
    }

    private List<UUID> recorded(List<UUID> found, Actor by, String purpose) {
        found.forEach(member -> audit.record(member, by, purpose, RESOURCE));
        return found;
    }
}
