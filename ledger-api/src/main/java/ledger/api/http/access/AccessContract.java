package ledger.api.http.access;

import org.springframework.stereotype.Component;

import ledger.api.application.reading.ReadAudit;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class AccessContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.schema(ReadAudit.Access.class, "PersonalDataAccess", "A recorded read of the member's personal "
                + "data: who, in which role, why, what, when.");
    }
}
