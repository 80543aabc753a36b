package ledger.api.http.contactcase;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class ContactCaseContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Contact cases", "Contact-form messages, kept at most three years.");
        api.schema(ContactCaseController.Open.class, "ContactCaseOpening", "A contact-form message: kept at "
                + "most three years.");
        api.schema(ContactCaseController.Opened.class, "ContactCaseOpened", "The id of the contact case and "
                + "when it will be erased.");
        api.schema(ContactCaseController.Closed.class, "ContactCaseClosed", "The id of the closed contact "
                + "case.");
    }
}
