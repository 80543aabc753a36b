package ledger.core.member;

import ledger.core.shared.Actor;

/** Commands addressed to one member. */
public sealed interface MemberCommand
        permits RegisterMember, GiveConsent, WithdrawConsent, RecordDownload, EditProfile, EndMembership,
        EraseMember, IssueRegisterExtract, PlaceLegalHold, ReleaseLegalHold, RestrictProcessing, LiftRestriction,
        RecordObjection, RecordPortalUse, ArmInactivityClock {

    MemberId memberId();

    Actor requestedBy();
}
