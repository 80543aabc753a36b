package ledger.api.http.lookup;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class LookupContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.schema(LookupController.Lookup.class, "MemberLookup", "Exactly one of email or username of the "
                + "person to find (in the body: never in an address or a log).");
        api.schema(LookupController.Found.class, "MemberLookupResult", "The ids of the members with that "
                + "e-mail address (current or earlier) or username; empty when none, also after an erasure.");
    }
}
