package ledger.api.http.extract;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import ledger.api.infrastructure.persistence.ReadAudit;
import ledger.api.LedgerProperties;
import ledger.core.consent.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;
import ledger.projections.member.MemberView;

/** Puts the read-model data and the configured statements together into one extract. */
@Component
class RegisterExtractAssembler {

    private final LedgerProperties.Register register;
    private final PurposeCatalog purposes;
    private final LedgerProperties ledger;

    RegisterExtractAssembler(PurposeCatalog purposes, LedgerProperties ledger) {
        this.register = ledger.register();
        this.purposes = purposes;
        this.ledger = ledger;
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
        RegisterExtract.Retention retention = new RegisterExtract.Retention(
                "kept while you use the partner portal and for " + ledger.retention().afterMembershipEnd()
                        + " (ISO-8601) after you ceased to use it; then erased automatically",
                "contact-form data is kept as long as needed, at most "
                        + ledger.retention().contactCaseMaximum() + " (ISO-8601)",
                view.erasureDueAt(), view.legalHolds());
        return new RegisterExtract(RegisterExtract.SCHEMA, issuedAt,
                issuedTo, register.controller(),
                new RegisterExtract.Member(view.memberId(), view.username(), view.givenName(), view.familyName(),
                        view.company(), view.email(), view.status(), view.registeredAt(), view.lastActivityAt()),
                register.personalDataCategories(), purposeEntries, register.recipients(), register.storage(),
                retention, data.downloads(), data.consentHistory(), register.source(), register.rights(),
                register.supervisoryAuthority(), accesses);
    }
}
