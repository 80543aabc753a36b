package ledger.api.http.register;

import java.time.Instant;
import java.util.List;

import ledger.api.configuration.RecordOfProcessing;

/**
 * The record of processing activities (GDPR Art. 30(1)), schema {@value #SCHEMA}, from
 * configuration: the controller and the DPM, each activity with its purposes, categories of data
 * subjects and of personal data, recipients, transfers to third countries and retention, and the
 * security measures. Fields are only ever added to v1.
 */
record ProcessingActivities(
        String schema,
        Instant generatedAt,
        RecordOfProcessing.Controller controller,
        RecordOfProcessing.Contact dataProtectionManager,
        List<Activity> activities,
        List<RecordOfProcessing.Recipient> recipients,
        List<Transfer> transfers,
        List<String> securityMeasures,
        String storage) {

    static final String SCHEMA = "urn:ledger:processing-activities:v1";

    record Activity(String name, List<Purpose> purposes, List<String> dataSubjectCategories,
                    List<String> personalDataCategories, List<String> recipients, List<Transfer> transfers,
                    String retention, List<RecordOfProcessing.Cookie> cookies) {
    }

    record Purpose(String purpose, String description, String legalBasis) {
    }

    /** A transfer of personal data to a recipient outside the EU/EEA and its safeguard (Art. 30(1)(e)). */
    record Transfer(String recipient, String location, String mechanism) {
    }
}
