package ledger.core.member;

import java.time.Instant;

import ledger.core.shared.Actor;

/** Everything that happens to a member; every fact names who caused it and when. */
public sealed interface MemberEvent
        permits MemberRegistered, ConsentGiven, ConsentWithdrawn, DocumentDownloaded, ProfileEdited,
        MembershipEnded, MemberErased, RegisterExtractIssued, LegalHoldPlaced, LegalHoldReleased, ErasureDue,
        ErasureDeferred, ProcessingRestricted, RestrictionLifted, ObjectionRecorded, ProfileFieldRemoved,
        PortalUsed, InactivityWarned {

    MemberId memberId();

    Actor by();

    Instant at();
}
