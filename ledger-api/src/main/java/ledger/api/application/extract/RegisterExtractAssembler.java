package ledger.api.application.extract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import ledger.api.application.reading.ReadAudit;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;
import ledger.projections.member.MemberView;

/** Puts the read-model data and the configured statements together into one extract. */
@Component
class RegisterExtractAssembler {

    private final RecordOfProcessing register;
    private final PurposeCatalog purposes;
    private final LedgerProperties ledger;
    private final RetentionInWords words;

    RegisterExtractAssembler(PurposeCatalog purposes, LedgerProperties ledger, RetentionInWords words) {
        this.register = ledger.register();
        this.purposes = purposes;
        this.ledger = ledger;
        this.words = words;
    }

    RegisterExtract assemble(RegisterExtractData data, Actor issuedTo, Instant issuedAt,
                             List<ReadAudit.Access> accesses) {
        MemberView view = data.member();
        var consents = new TreeMap<>(view.consents());
        List<RegisterExtract.PurposeEntry> purposeEntries = purposes.sorted().stream().map(purpose -> {
            LedgerProperties.Purpose configured = ledger.purposes().get(purpose);
            MemberView.ConsentState state = consents.get(purpose);
            return new RegisterExtract.PurposeEntry(purpose,
                    configured == null ? null : configured.description(),
                    configured == null ? "consent (GDPR Art. 6(1)(a))" : configured.legalBasis(),
                    state == null ? null : new RegisterExtract.Consent(state.granted(), state.policyVersion(),
                            state.since()));
        }).toList();
        RegisterExtract.Retention retention = new RegisterExtract.Retention(words.memberDataToMember(),
                "Contact-form data: " + words.contactFormData(), view.erasureDueAt(), view.legalHolds(),
                erasure(view));
        return new RegisterExtract(RegisterExtract.SCHEMA, issuedAt,
                issuedTo, register.controller(),
                new RegisterExtract.Member(view.memberId(), view.username(), view.givenName(), view.familyName(),
                        view.company(), view.email(), view.status(), view.registeredAt(), view.lastActivityAt()),
                register.personalDataCategories(), purposeEntries, register.recipients(), register.storage(),
                retention, data.downloads(), data.consentHistory(), register.source(), register.rights(),
                register.supervisoryAuthority(), accesses, register.dataProtectionManager(),
                register.automatedDecisionMaking(), data.pastValues(), view.processingRestricted(),
                view.restriction(), view.objections());
    }

    /** When this member's data is erased, in plain words with the date. */
    private String erasure(MemberView view) {
        String held = view.legalHolds().isEmpty() ? ""
                : " A legal hold keeps your data for now; it is erased once the last hold is released.";
        if (view.erasureDueAt() == null) {
            return "Your membership is active, so no erasure date is set: your data will be erased "
                    + RetentionInWords.inWords(ledger.retention().afterMembershipEnd())
                    + " after you stop using the partner portal." + held;
        }
        return "Your membership has ended: your data will be erased on "
                + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC)
                .format(view.erasureDueAt()) + " (UTC)." + held;
    }
}
