package ledger.api.configuration;

import java.net.URI;
import java.util.List;

import org.springframework.util.StringUtils;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The record of processing activities (GDPR Art. 30) and what a register extract states beyond the
 * member's own data (Art. 15), bound from {@code ledger.register} (register/record-of-processing.yml,
 * content the DPM owns, apart from the settings of application.yml): the controller,
 * recipients and processors, storage location, the rights, the supervisory authority; the
 * purposes come from {@link LedgerProperties#purposes()}. {@code judicialRemedy} is what a
 * refused request tells the person beside the authority (Art. 12(4)).
 */
public record RecordOfProcessing(
        Controller controller,
        Contact dataProtectionManager,
        List<String> personalDataCategories,
        List<String> dataSubjectCategories,
        List<Recipient> recipients,
        String storage,
        String source,
        List<Right> rights,
        Authority supervisoryAuthority,
        String judicialRemedy,
        String automatedDecisionMaking,
        List<String> securityMeasures,
        List<Activity> processingActivities,
        boolean allowTransfersOutsideEea) {

    public RecordOfProcessing {
        personalDataCategories = orEmpty(personalDataCategories);
        dataSubjectCategories = orEmpty(dataSubjectCategories);
        recipients = orEmpty(recipients);
        rights = orEmpty(rights);
        securityMeasures = orEmpty(securityMeasures);
        processingActivities = orEmpty(processingActivities);
        // the privacy policy promises no transfer outside the EU/EEA: a recipient there stops the start
        // unless the operator decided otherwise, knowingly (then the DPM's dashboard shows the conflict)
        for (Recipient recipient : recipients) {
            if (!recipient.insideEuEea() && !allowTransfersOutsideEea) {
                throw new IllegalArgumentException("the recipient '" + recipient.name() + "' is outside the"
                        + " EU/EEA, but the privacy policy promises no transfer outside the EU/EEA: set"
                        + " ledger.register.allow-transfers-outside-eea=true (and its transfer-mechanism) only"
                        + " once the policy says so");
            }
        }
    }

    /** Recipients outside the EU/EEA: each a conflict with the policy's promise (allowed knowingly). */
    public List<Recipient> transfersOutsideEea() {
        return recipients.stream().filter(r -> !r.insideEuEea()).toList();
    }

    /** Processors whose agreement (Art. 28(3)) has no recorded date. */
    public List<Recipient> processorsWithoutAgreementDate() {
        return recipients.stream().filter(r -> "processor".equalsIgnoreCase(r.role()) && r.agreementDate() == null)
                .toList();
    }


    public record Controller(String name, String address, String email, String organisationNumber) {
    }

    /** How to reach the Data Protection Manager (the register extract and the record of processing). */
    public record Contact(String name, String email, String phone, String address) {
    }

    /**
     * A recipient or processor. One outside the EU/EEA must declare its transfer mechanism (GDPR
     * Chapter V, e.g. an adequacy decision or standard contractual clauses), or the service refuses
     * to start. With {@code notifyUrl} it is told of every rectification, erasure and restriction of
     * a member whose data it received (Art. 19), signed with HMAC-SHA256 under {@code notifySecret}
     * (at least 32 characters). Neither is ever shown: not in an extract, the record or a log.
     */
    public record Recipient(String name, String role, List<String> purposes, String location, boolean insideEuEea,
                            String transferMechanism, @JsonIgnore URI notifyUrl, @JsonIgnore String notifySecret,
                            java.time.LocalDate agreementDate, @JsonIgnore boolean inactivityWarnings) {

        public Recipient {
            purposes = orEmpty(purposes);
            if (!insideEuEea && !StringUtils.hasText(transferMechanism)) {
                throw new IllegalArgumentException("the recipient '" + name + "' is outside the EU/EEA and declares"
                        + " no transfer mechanism (ledger.register.recipients[].transfer-mechanism)");
            }
            if (notifyUrl != null) {
                if (!"https".equals(notifyUrl.getScheme()) && !"http".equals(notifyUrl.getScheme())) {
                    throw new IllegalArgumentException("the notify-url of the recipient '" + name
                            + "' must be an http(s) URL");
                }
                if (notifySecret == null || notifySecret.length() < 32) {
                    throw new IllegalArgumentException("the recipient '" + name + "' has a notify-url but no"
                            + " notify-secret of at least 32 characters (ledger.register.recipients[].notify-secret)");
                }
            }
        }

        /** Whether the recipient is told of rectifications, erasures and restrictions (Art. 19). */
        public boolean notified() {
            return notifyUrl != null;
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Recipient[name=" + name + ", role=" + role + ", purposes=" + purposes + ", location=" + location
                    + ", insideEuEea=" + insideEuEea + ", transferMechanism=" + transferMechanism + ", notifyUrl="
                    + notifyUrl + ", notifySecret=" + (notifySecret == null ? "none" : "(set)") + "]";
        }
    }

    /** Which retention rule an activity follows. */
    public enum RetentionRule {
        MEMBER,
        CONTACT_CASE,
        /** In the activity's own words ({@code retention-text}), e.g. the lifetimes of cookies. */
        STATED
    }

    /**
     * A processing activity of the record of processing activities (Art. 30(1)): its purposes (names
     * of configured purposes, or a {@code description} and {@code legalBasis} of its own), the
     * categories of data subjects and of personal data, and the retention rule it follows.
     */
    public record Activity(String name, String description, List<String> purposes, String legalBasis,
                           List<String> dataSubjectCategories, List<String> personalDataCategories,
                           RetentionRule retention, String retentionText, List<String> recipients,
                           List<Cookie> cookies) {

        public Activity {
            purposes = orEmpty(purposes);
            dataSubjectCategories = orEmpty(dataSubjectCategories);
            personalDataCategories = orEmpty(personalDataCategories);
            recipients = orEmpty(recipients);
            cookies = orEmpty(cookies);
            if (retention == RetentionRule.STATED && (retentionText == null || retentionText.isBlank())) {
                throw new IllegalArgumentException("the processing activity '" + name + "' states its retention:"
                        + " retention-text is required");
            }
        }
    }

    /** A cookie an activity sets: its name (or kind), what it holds and how long it lives. */
    public record Cookie(String name, String holds, String lifetime) {
    }

    public record Right(String right, String article, String how) {
    }

    public record Authority(String name, String website) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
