package ledger.core.request;

import java.time.Instant;

import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** Everything that happens to a data-subject request. */
public sealed interface RequestEvent
        permits RequestRecorded, IdentityVerified, RequestExtended, RequestCompleted, RequestRefused,
        VerificationChallengeIssued, VerificationChallengeFailed, RequestLinked, RequestClosedNoDataHeld,
        RequesterDataDue, RequesterDataShredded {

    RequestId requestId();

    /** The member the request is about; null for a requester known by contact data only. */
    MemberId memberId();

    Actor by();

    Instant at();
}
