package ledger.api.http.member;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;
import ledger.projections.member.MemberView;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class MemberContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Members", "The portal's commands and reads on members.");
        api.schema(MemberRequests.Register.class, "MemberRegistration", "A member's registration by the "
                + "portal: the username (unique, never changes; NFKC, look-alikes count as taken), the profile "
                + "and the first consents, which must include portal-membership.");
        api.schema(MemberRequests.Download.class, "DocumentDownload", "A document the member downloaded "
                + "(personal data: it is encrypted with the member's key).");
        api.schema(MemberRequests.ProfileChange.class, "ProfileChange", "Profile fields to change; a "
                + "username different from the registered one is refused with 422.");
        api.schema(MemberRequests.MembershipEnd.class, "MembershipEnd", "Why the membership ends.");
        api.schema(MemberRequests.Registered.class, "MemberRegistered", "The id of the registered member.");
        api.schema(MemberRequests.Ended.class, "MembershipEnded", "When the member's data will be erased "
                + "(retention after the membership ends).");
        api.schema(MemberView.class, "MemberView", "The current state of a member: profile, consents per "
                + "purpose, downloads, status; every personal field is null once the member is erased.");
        api.schema(MemberView.ConsentState.class, "MemberConsentState", "Consent to one purpose: whether it "
                + "must be given again (reconsentRequired: the notice in effect changed the purpose's "
                + "description, legal basis or recipients since the notice it rests on); granted or not, under "
                + "which policy version, since when.");
        api.schema(MemberView.LegalHold.class, "LegalHoldSummary", "A legal hold that defers erasure and "
                + "restricts processing, with its ground and the date it is to be reviewed by.");
        api.schema(MemberView.Restriction.class, "ProcessingRestriction", "The restriction of processing "
                + "(Art. 18): its ground and since when.");
        api.schema(MemberView.Objection.class, "ProcessingObjection", "An objection to processing for a "
                + "purpose (Art. 21) and when it was recorded.");
    }
}
