package ledger.api.application.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.application.ApplicationFixtures;
import ledger.api.application.reading.ReadAudit;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;
import ledger.projections.history.ConsentEntry;
import ledger.projections.member.MemberView;

class RegisterExtractAssemblerTest {

    static final UUID ID = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000000");
    static final Actor MEMBER_PORTAL = new Actor("portal-client", "PORTAL");
    static final Instant ISSUED_AT = Instant.parse("2026-11-29T17:49:00Z");
    static final Instant REGISTERED_AT = Instant.parse("2024-01-02T03:04:05Z");
    static final Instant ACTIVE_AT = Instant.parse("2026-11-01T00:00:00Z");

    static final RecordOfProcessing.Controller CONTROLLER = new RecordOfProcessing.Controller("Engines Ltd",
            "1 Main Street, Helsinki", "privacy@engines.example", "FI1234567");
    static final RecordOfProcessing.Contact DPM_CONTACT = new RecordOfProcessing.Contact("Grace", "dpm@engines.example",
            "+358 1", "2 Side Street");
    static final RecordOfProcessing.Recipient HOSTING = new RecordOfProcessing.Recipient("HostCo", "processor",
            List.of("portal-membership"), "Ireland", true, null, null, null, LocalDate.of(2024, 1, 1), false);
    static final RecordOfProcessing.Right ACCESS = new RecordOfProcessing.Right("access", "Art. 15", "ask the DPM");
    static final RecordOfProcessing.Authority AUTHORITY = new RecordOfProcessing.Authority("Data Protection Ombudsman",
            "https://tietosuoja.fi");

    static final LedgerProperties PROPERTIES = ApplicationFixtures.properties(
            Map.of("portal-membership", new LedgerProperties.Purpose("Running your portal account", "contract")),
            new LedgerProperties.Retention(Period.ofMonths(3), Period.ofYears(3), null, null, null),
            new RecordOfProcessing(CONTROLLER, DPM_CONTACT, List.of("identity", "contact data"), null,
                    List.of(HOSTING), "EU data centres", "you, through the portal", List.of(ACCESS), AUTHORITY,
                    "a court", "none", null, null, false),
            null, null);

    private final RegisterExtractAssembler assembler = new RegisterExtractAssembler(
            new PurposeCatalog(Set.of("portal-membership", "newsletter", "analytics")), PROPERTIES,
            new RetentionInWords(PROPERTIES));

    static MemberView view(Instant erasureDueAt, List<MemberView.LegalHold> holds) {
        return new MemberView(ID, "ada", "Ada", "Lovelace", "Engines", "ada@example.org", "ACTIVE",
                Map.of("portal-membership", new MemberView.ConsentState(true, "2025-01", REGISTERED_AT, false),
                        "newsletter", new MemberView.ConsentState(false, "2024-01", ACTIVE_AT, false)),
                3, REGISTERED_AT, ACTIVE_AT, erasureDueAt, holds, 9, true,
                new MemberView.Restriction("accuracy contested", ACTIVE_AT),
                List.of(new MemberView.Objection("analytics", ACTIVE_AT)));
    }

    static RegisterExtractData data(MemberView view) {
        return new RegisterExtractData(view,
                List.of(new RegisterExtractData.Download("doc-1", "Price list", ACTIVE_AT)),
                List.of(new ConsentEntry(1, "ConsentGiven", "portal-membership", "2025-01", null, "portal",
                        REGISTERED_AT, MEMBER_PORTAL)),
                List.of(new RegisterExtractData.PastValue("email", "old@example.org", REGISTERED_AT, ACTIVE_AT)), 9);
    }

    @Test
    void the_extract_puts_the_members_data_beside_the_configured_statements() {
        RegisterExtractData data = data(view(null, List.of()));
        List<ReadAudit.Access> accesses = List.of(new ReadAudit.Access("dpm-client", "DPM", "access-request",
                "member", ACTIVE_AT));

        RegisterExtract extract = assembler.assemble(data, MEMBER_PORTAL, ISSUED_AT, accesses);

        assertThat(extract.schema()).isEqualTo("urn:ledger:register-extract:v1");
        assertThat(extract.issuedAt()).isEqualTo(ISSUED_AT);
        assertThat(extract.issuedTo()).isEqualTo(MEMBER_PORTAL);
        assertThat(extract.controller()).isEqualTo(CONTROLLER);
        assertThat(extract.member()).isEqualTo(new RegisterExtract.Member(ID, "ada", "Ada", "Lovelace", "Engines",
                "ada@example.org", "ACTIVE", REGISTERED_AT, ACTIVE_AT));
        assertThat(extract.personalDataCategories()).containsExactly("identity", "contact data");
        assertThat(extract.recipients()).containsExactly(HOSTING);
        assertThat(extract.storage()).isEqualTo("EU data centres");
        assertThat(extract.downloads()).isEqualTo(data.downloads());
        assertThat(extract.consentHistory()).isEqualTo(data.consentHistory());
        assertThat(extract.source()).isEqualTo("you, through the portal");
        assertThat(extract.rights()).containsExactly(ACCESS);
        assertThat(extract.supervisoryAuthority()).isEqualTo(AUTHORITY);
        assertThat(extract.accesses()).isEqualTo(accesses);
        assertThat(extract.dataProtectionManager()).isEqualTo(DPM_CONTACT);
        assertThat(extract.automatedDecisionMaking()).isEqualTo("none");
        assertThat(extract.pastValues()).isEqualTo(data.pastValues());
        assertThat(extract.processingRestricted()).isTrue();
        assertThat(extract.restriction()).isEqualTo(new MemberView.Restriction("accuracy contested", ACTIVE_AT));
        assertThat(extract.objections()).containsExactly(new MemberView.Objection("analytics", ACTIVE_AT));
    }

    @Test
    void every_purpose_of_the_catalog_is_listed_in_name_order_with_its_description_basis_and_the_members_consent() {
        RegisterExtract extract = assembler.assemble(data(view(null, List.of())), MEMBER_PORTAL, ISSUED_AT, List.of());

        assertThat(extract.purposes()).containsExactly(
                new RegisterExtract.PurposeEntry("analytics", null, "consent (GDPR Art. 6(1)(a))", null),
                new RegisterExtract.PurposeEntry("newsletter", null, "consent (GDPR Art. 6(1)(a))",
                        new RegisterExtract.Consent(false, "2024-01", ACTIVE_AT)),
                new RegisterExtract.PurposeEntry("portal-membership", "Running your portal account", "contract",
                        new RegisterExtract.Consent(true, "2025-01", REGISTERED_AT)));
    }

    @Test
    void an_active_membership_is_told_the_retention_after_use_and_no_erasure_date() {
        RegisterExtract extract = assembler.assemble(data(view(null, List.of())), MEMBER_PORTAL, ISSUED_AT, List.of());

        assertThat(extract.retention()).isEqualTo(new RegisterExtract.Retention(
                "Kept while you use the partner portal and for 3 months after you stop using it, then erased"
                        + " automatically.",
                "Contact-form data: As long as needed to handle the case, at most 3 years after it was opened, then"
                        + " erased automatically.",
                null, List.of(),
                "Your membership is active, so no erasure date is set: your data will be erased 3 months after you"
                        + " stop using the partner portal."));
    }

    @Test
    void an_ended_membership_is_told_the_erasure_date_in_utc() {
        Instant due = Instant.parse("2027-02-28T23:30:00Z");

        RegisterExtract extract = assembler.assemble(data(view(due, List.of())), MEMBER_PORTAL, ISSUED_AT, List.of());

        assertThat(extract.retention().erasureDueAt()).isEqualTo(due);
        assertThat(extract.retention().erasure())
                .isEqualTo("Your membership has ended: your data will be erased on 28 February 2027 (UTC).");
    }

    @Test
    void a_legal_hold_is_shown_and_said_to_keep_the_data_until_the_last_is_released() {
        List<MemberView.LegalHold> holds = List.of(new MemberView.LegalHold(UUID.randomUUID(), "LEGAL_CLAIMS",
                ACTIVE_AT, LocalDate.of(2027, 1, 1)));
        String held = " A legal hold keeps your data for now; it is erased once the last hold is released.";

        RegisterExtract active = assembler.assemble(data(view(null, holds)), MEMBER_PORTAL, ISSUED_AT, List.of());
        RegisterExtract ended = assembler.assemble(data(view(Instant.parse("2027-03-01T00:00:00Z"), holds)),
                MEMBER_PORTAL, ISSUED_AT, List.of());

        assertThat(active.retention().legalHolds()).isEqualTo(holds);
        assertThat(active.retention().erasure()).isEqualTo("Your membership is active, so no erasure date is set:"
                + " your data will be erased 3 months after you stop using the partner portal." + held);
        assertThat(ended.retention().erasure())
                .isEqualTo("Your membership has ended: your data will be erased on 1 March 2027 (UTC)." + held);
    }
}
