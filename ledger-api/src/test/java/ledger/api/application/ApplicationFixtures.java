package ledger.api.application;

import java.util.Map;

import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;

/** Configuration for the use-case tests: only the parts a use case reads are set, everything else is absent. */
public final class ApplicationFixtures {

    private ApplicationFixtures() {
    }

    public static LedgerProperties properties(Map<String, LedgerProperties.Purpose> purposes,
                                              LedgerProperties.Retention retention,
                                              RecordOfProcessing register,
                                              LedgerProperties.ConsentReceipts consentReceipts,
                                              LedgerProperties.LegalHolds legalHolds) {
        return new LedgerProperties(purposes, retention, null, null, null, null, null, null, 0, null, null, null,
                null, null, null, register, null, null, null, null, null, null, consentReceipts, legalHolds, null, null,
                null, null, null);
    }
}
