package ledger.api.application.extract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ledger.api.application.reading.ReadAudit;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;
import ledger.projections.history.ConsentEntry;
import ledger.projections.member.MemberView;

/**
 * The register extract, schema {@value #SCHEMA}: the machine-readable export of GDPR Art. 20 and
 * the content of Art. 15. Documented field by field in docs/register-extract.md; fields are only
 * ever added to this version, never renamed or removed.
 */
public record RegisterExtract(
        String schema,
        Instant issuedAt,
        Actor issuedTo,
        RecordOfProcessing.Controller controller,
        Member member,
        List<String> personalDataCategories,
        List<PurposeEntry> purposes,
        List<RecordOfProcessing.Recipient> recipients,
        String storage,
        Retention retention,
        List<RegisterExtractData.Download> downloads,
        List<ConsentEntry> consentHistory,
        String source,
        List<RecordOfProcessing.Right> rights,
        RecordOfProcessing.Authority supervisoryAuthority,
        List<ReadAudit.Access> accesses,
        RecordOfProcessing.Contact dataProtectionManager,
        String automatedDecisionMaking,
        List<RegisterExtractData.PastValue> pastValues,
        boolean processingRestricted,
        MemberView.Restriction restriction,
        List<MemberView.Objection> objections) {

    public static final String SCHEMA = "urn:ledger:register-extract:v1";


    public record Member(UUID memberId, String username, String givenName, String familyName, String company,
                         String email, String status, Instant registeredAt, Instant lastActivityAt) {
    }

    public record PurposeEntry(String purpose, String description, String legalBasis, Consent consent) {
    }

    public record Consent(boolean granted, String policyVersion, Instant since) {
    }

    /** The rules and, in {@code erasure}, when this member's data is erased, in plain words with the date. */
    public record Retention(String memberData, String contactFormData, Instant erasureDueAt,
                            List<MemberView.LegalHold> legalHolds, String erasure) {
    }

}
