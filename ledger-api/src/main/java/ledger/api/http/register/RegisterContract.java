package ledger.api.http.register;

import org.springframework.stereotype.Component;

import ledger.api.configuration.RecordOfProcessing;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class RegisterContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Register", "GDPR Art. 30: the record of processing activities (the DPM and auditors).");
        api.schema(RecordOfProcessing.Controller.class, "DataController", "The controller of the personal data.");
        api.schema(RecordOfProcessing.Recipient.class, "DataRecipient", "A recipient or processor of personal "
                + "data.");
        api.schema(RecordOfProcessing.Contact.class, "DataProtectionManagerContact", "How to reach the Data "
                + "Protection Manager.");
        api.schema(ProcessingActivities.class, "ProcessingActivities", "The record of processing activities "
                + "(GDPR Art. 30(1)): controller, DPM, each activity with purposes, categories of data subjects "
                + "and personal data, recipients, transfers and retention, and the security measures; from "
                + "configuration.");
        api.schema(ProcessingActivities.Activity.class, "ProcessingActivity", "One processing activity of "
                + "the record.");
        api.schema(ProcessingActivities.Purpose.class, "ProcessingPurpose", "A purpose of an activity and "
                + "its legal basis.");
        api.schema(ProcessingActivities.Transfer.class, "ThirdCountryTransfer", "A transfer to a recipient "
                + "outside the EU/EEA and its transfer mechanism.");
        api.schema(RecordOfProcessing.Cookie.class, "ProcessingCookie", "A cookie a processing activity sets: "
                + "its name or kind, what it holds and how long it lives.");
        api.schema(RecordOfProcessing.Right.class, "DataSubjectRight", "A right of the data subject and how to "
                + "use it.");
        api.schema(RecordOfProcessing.Authority.class, "SupervisoryAuthority", "The supervisory authority.");
        api.alternative("/api/v1/register/processing-activities", ProcessingActivities.class, "text/html",
                "<!DOCTYPE html><html lang=\"en\">...</html>");
    }
}
