package ledger.api.http.restriction;

import org.springframework.stereotype.Component;

import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class RestrictionContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.schema(RestrictionController.Restriction.class, "RestrictionRequest", "The ground of a "
                + "restriction of processing (Art. 18(1)(a)-(d)).");
        api.schema(RestrictionController.Restricted.class, "RestrictionRecorded", "The restriction that "
                + "stands (the first ground when the member was restricted already).");
        api.schema(RestrictionController.Objection.class, "ObjectionRequest", "The purpose the member "
                + "objects to (Art. 21).");
        api.schema(RestrictionController.Objected.class, "ObjectionRecorded", "The recorded objection and "
                + "the consents it withdrew.");
    }
}
