package ledger.core.request;

import java.util.Set;

/** What a data subject asked for, and which member event shows it was done. */
public enum RequestType {
    ACCESS(Set.of("RegisterExtractIssued")),
    PORTABILITY(Set.of("RegisterExtractIssued")),
    RECTIFICATION(Set.of("ProfileEdited")),
    ERASURE(Set.of("MemberErased")),
    WITHDRAWAL(Set.of("ConsentWithdrawn", "MembershipEnded"));

    private final Set<String> resultingEvents;

    RequestType(Set<String> resultingEvents) {
        this.resultingEvents = resultingEvents;
    }

    public boolean completedBy(String eventType) {
        return resultingEvents.contains(eventType);
    }
}
