package ledger.api.http.request;

import org.springframework.stereotype.Component;

import ledger.api.application.request.RequesterContacts;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class RequestContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Data subject requests", "Requests of data subjects and their deadlines (the DPM).");
        api.schema(RequestController.NewRequest.class, "DataSubjectRequestIntake", "A data subject's request "
                + "as received: of a member (memberId) or of anyone, by contact data (requester); exactly one.");
        api.schema(RequestController.Extension.class, "DataSubjectRequestExtension", "An extension of a "
                + "request's deadline by one or two months, with the reason.");
        api.schema(RequestController.Completion.class, "DataSubjectRequestCompletion", "How a request was "
                + "completed: the member event that answered it, or the outcome NO_DATA_HELD for a requester who "
                + "is no member.");
        api.schema(RequestController.Request.class, "DataSubjectRequest", "A data subject's request: its "
                + "deadline, the identity check, and how it ended (completed by a member event, when that "
                + "happened and whether late, or refused).");
        api.schema(RequestController.Verification.class, "DataSubjectRequestVerification", "How the "
                + "requester's identity was checked (needed before completion): the DPM's method, or the "
                + "portal's one-time code (exactly one).");
        api.schema(RequestController.Requester.class, "DataSubjectRequester", "The contact data of a "
                + "requester who is (not yet known as) a member: personal data, sealed under the request's own "
                + "key and shredded ledger.requests.requester-retention (3 years) after the request closed.");
        api.schema(RequestController.Link.class, "DataSubjectRequestLink", "The member the request turned "
                + "out to be about.");
        api.schema(RequesterContacts.Contact.class, "DataSubjectRequesterContact", "The requester's e-mail "
                + "address and name, as the DPM answers them; read as [erased] after the retention ended.");
        api.schema(RequestController.Challenge.class, "DataSubjectRequestChallenge", "A one-time code for "
                + "the portal to show the signed-in member, and until when it is valid.");
        api.schema(RequestController.Verified.class, "DataSubjectRequestVerified", "The request whose "
                + "identity check was recorded.");
        api.schema(RequestController.Refusal.class, "DataSubjectRequestRefusal", "Why the request is refused "
                + "(Art. 12(4)); stored encrypted under the member's key, never answered.");
        api.schema(RequestController.Refused.class, "DataSubjectRequestRefused", "A refused request: whether "
                + "the refusal came late, and the authority the person may complain to.");
        api.schema(RequestController.TrailEntry.class, "DataSubjectRequestEvent", "One event of a request's "
                + "trail: type, time, actor; personal fields masked.");
        api.schema(RequestController.Due.class, "DataSubjectRequestDue", "The id of a request and when it is "
                + "due.");
    }
}
