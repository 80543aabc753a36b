package ledger.core.request;

import java.util.Arrays;
import java.util.Set;

/** What a data subject asked for, and which member events answer it. */
public enum RequestType {
    /** Art. 15: a register extract issued. */
    ACCESS(Set.of("RegisterExtractIssued")),
    /** Art. 20: the extract is the machine-readable export. */
    PORTABILITY(Set.of("RegisterExtractIssued")),
    /** Art. 16: a profile edit, or an optional field removed. */
    RECTIFICATION(Set.of("ProfileEdited", "ProfileFieldRemoved")),
    /** Art. 17: the erasure itself. */
    ERASURE(Set.of("MemberErased")),
    /** Art. 7(3): a consent withdrawn (withdrawing the membership's consent also ends the membership). */
    WITHDRAWAL(Set.of("ConsentWithdrawn", "MembershipEnded")),
    /** Art. 18: processing restricted. */
    RESTRICTION(Set.of("ProcessingRestricted")),
    /** Art. 21: the objection recorded, which ends processing for its purpose. */
    OBJECTION(Set.of("ObjectionRecorded"));

    private final Set<String> answeringEvents;

    RequestType(Set<String> answeringEvents) {
        this.answeringEvents = answeringEvents;
    }

    public boolean completedBy(String eventType) {
        return answeringEvents.contains(eventType);
    }

    /** Whether a member event of this type answers some kind of request. */
    public static boolean answers(String eventType) {
        return Arrays.stream(values()).anyMatch(type -> type.completedBy(eventType));
    }
}
