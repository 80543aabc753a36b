package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.application.extract.RegisterExtract;
import ledger.api.application.extract.RegisterExtracts;
import ledger.api.application.lookup.MemberLookups;
import ledger.api.application.member.MemberReading;
import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.core.consent.FindMemberConsents;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.FindMember;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.history.ConsentEntry;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;
import ledger.projections.history.MemberHistoryRow;
import ledger.projections.member.MemberView;

@ConsoleSlice(MemberPagesController.class)
@MockitoBean(types = {QueryGateway.class, ReadAudit.class, MemberErasures.class, RegisterExtracts.class,
        ReadYourWrites.class, MemberLookups.class, MemberReading.class})
class MemberPagesControllerSliceTest {

    private static final UUID MEMBER = UUID.fromString("4d3c2b1a-6f5e-4b8a-9c7d-0e1f2a3b4c5d");
    private static final UUID OTHER = UUID.fromString("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
    private static final UUID HOLD = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");
    private static final Instant AT = Instant.parse("2026-02-14T12:00:00Z");
    private static final Actor DPM = new Actor(ConsoleCallers.DPM_PRINCIPAL, "DPM");
    private static final String PAGE = "/console/members/" + MEMBER;
    private static final String BACK = PAGE + "?purpose=member-support";

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    ReadAudit audit;

    @Autowired
    MemberErasures erasures;

    @Autowired
    RegisterExtracts extracts;

    @Autowired
    ReadYourWrites reads;

    @Autowired
    MemberLookups lookups;

    @Autowired
    MemberReading reading;

    private final MemberView view = new MemberView(MEMBER, "ada_lovelace", "Ada", "Lovelace", "Analytical Engines",
            "ada@example.org", "ACTIVE", Map.of("newsletter", new MemberView.ConsentState(true, "2019-01-05", AT, false)),
            0, AT, AT, null, List.of(new MemberView.LegalHold(HOLD, "LEGAL_CLAIMS", AT, LocalDate.of(2026, 8, 1))), 7,
            true, null, List.of());
    private final List<ConsentEntry> consents = List.of(new ConsentEntry(2, "GIVEN", "newsletter", "2019-01-05", null,
            "portal", AT, new Actor("static:PORTAL#1", "PORTAL")));
    private final List<MemberHistoryRow> trail = List.of(new MemberHistoryRow(1L, MEMBER, 0, "MemberRegistered", AT,
            "static:PORTAL#1", "PORTAL", "{}", null));
    private final List<ReadAudit.Access> accesses = List.of(new ReadAudit.Access("static:DPM#1", "DPM", "audit",
            "console:member", AT));

    @BeforeEach
    void stubs() {
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            if (query instanceof FindMember find) {
                return CompletableFuture.completedFuture(find.memberId().equals(MemberId.of(MEMBER))
                        ? Optional.of(view) : Optional.empty());
            }
            if (query instanceof FindMemberConsents) {
                return CompletableFuture.completedFuture(new MemberConsents(consents, 7));
            }
            if (query instanceof FindMemberHistory) {
                return CompletableFuture.completedFuture(new MemberTrail(trail, 7));
            }
            throw new AssertionError("unexpected query " + query);
        });
        // reads its own writes: here the read model is always up to date
        when(reads.read(any(), any(), any())).thenAnswer(call -> call.<Supplier<Optional<Object>>>getArgument(1).get()
                .orElseThrow());
        when(reading.view(MemberId.of(MEMBER))).thenReturn(view);
        when(audit.accessesOf(MEMBER)).thenReturn(accesses);
    }

    private static Refusal refusal(Refusal.Kind kind, String code, String message) {
        return new Refusal(kind, code, message) {
        };
    }

    // --- the lookup page (GET, ids only)

    @Test
    void the_lookup_page_offers_the_posted_search() throws Exception {
        mvc.perform(get("/console/members").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/members"))
                .andExpect(model().attributeDoesNotExist("error"))
                .andExpect(content().string(containsString("<form method=\"post\" action=\"/console/members/lookup\"")));
        verifyNoInteractions(queries);
    }

    @Test
    void a_known_member_id_in_the_address_opens_the_members_page() throws Exception {
        mvc.perform(get("/console/members").param("q", MEMBER.toString()).with(dpm()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE));
    }

    @Test
    void an_unknown_member_id_in_the_address_says_no_member_has_it() throws Exception {
        mvc.perform(get("/console/members").param("q", OTHER.toString()).with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/members"))
                .andExpect(model().attribute("error", "No member has this id or username."));
    }

    @Test
    void anything_but_an_id_in_the_address_is_refused_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/members").param("q", "ada_lovelace").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "Give a member id or an exact username."))
                .andExpect(content().string(containsString("Give a member id or an exact username.")));
        verifyNoInteractions(queries, lookups);
    }

    @Test
    void the_auditor_may_not_look_members_up() throws Exception {
        mvc.perform(get("/console/members").with(auditor()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/members/lookup").with(auditor()).with(csrf()).param("q", "ada_lovelace"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries, lookups);
    }

    // --- the posted lookup

    @Test
    void a_posted_username_is_looked_up_through_the_blind_index_as_the_signed_in_dpm() throws Exception {
        when(lookups.byUsername("ada_lovelace", DPM, MemberLookups.RESOURCE)).thenReturn(List.of(MEMBER));
        mvc.perform(post("/console/members/lookup").with(dpm()).with(csrf()).param("q", " ada_lovelace "))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE));
        verify(lookups).byUsername("ada_lovelace", DPM, MemberLookups.RESOURCE);
        verify(lookups, never()).byEmail(anyString(), any(), anyString());
    }

    @Test
    void a_posted_email_address_shared_by_several_members_lists_them() throws Exception {
        when(lookups.byEmail("ada@example.org", DPM, MemberLookups.RESOURCE)).thenReturn(List.of(MEMBER, OTHER));
        mvc.perform(post("/console/members/lookup").with(dpm()).with(csrf()).param("q", "ada@example.org"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/members"))
                .andExpect(model().attribute("matches", List.of(MEMBER, OTHER)))
                .andExpect(content().string(containsString("href=\"/console/members/" + OTHER + "\"")));
        verify(lookups, never()).byUsername(anyString(), any(), anyString());
    }

    @Test
    void a_posted_member_id_is_found_without_the_blind_index() throws Exception {
        mvc.perform(post("/console/members/lookup").with(dpm()).with(csrf()).param("q", MEMBER.toString()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE));
        verifyNoInteractions(lookups);
    }

    @Test
    void a_posted_lookup_that_finds_nobody_says_so() throws Exception {
        when(lookups.byEmail("nobody@example.org", DPM, MemberLookups.RESOURCE)).thenReturn(List.of());
        mvc.perform(post("/console/members/lookup").with(dpm()).with(csrf()).param("q", "nobody@example.org"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "No member has this id, e-mail address or username."));
        verify(lookups).byEmail("nobody@example.org", DPM, MemberLookups.RESOURCE);
    }

    @Test
    void a_posted_value_that_is_neither_id_nor_address_nor_username_looks_nothing_up() throws Exception {
        mvc.perform(post("/console/members/lookup").with(dpm()).with(csrf()).param("q", "Ada Lovelace!"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/members"))
                .andExpect(model().attribute("error", "No member has this id, e-mail address or username."));
        verifyNoInteractions(lookups, queries);
    }

    @Test
    void a_lookup_posted_without_its_csrf_token_is_refused_and_nothing_is_looked_up() throws Exception {
        mvc.perform(post("/console/members/lookup").with(dpm()).param("q", "ada_lovelace"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(lookups);
    }

    // --- the member's page

    @Test
    void the_members_page_asks_for_the_purpose_first_and_reads_nothing() throws Exception {
        mvc.perform(get(PAGE).with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/purpose"))
                .andExpect(model().attribute("action", PAGE))
                .andExpect(model().attribute("what", "the member's page"))
                .andExpect(content().string(containsString("Why do you read this?")))
                .andExpect(content().string(containsString("<option value=\"member-support\">member-support</option>")));
        verifyNoInteractions(reading, reads, audit, queries);
    }

    @Test
    void with_a_purpose_the_read_is_recorded_and_the_page_shows_the_member() throws Exception {
        mvc.perform(get(PAGE).param("purpose", "member-support").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/member"))
                .andExpect(model().attribute("m", view))
                .andExpect(model().attribute("consents", consents))
                .andExpect(model().attribute("trail", trail))
                .andExpect(model().attribute("accesses", accesses))
                .andExpect(model().attribute("purpose", "member-support"))
                .andExpect(content().string(containsString("<span class=\"mono\" id=\"member-id\">" + MEMBER + "</span>")))
                .andExpect(content().string(containsString("ada_lovelace")))
                .andExpect(content().string(containsString("MemberRegistered")))
                .andExpect(content().string(containsString(PAGE + "/legal-holds/" + HOLD + "/release")))
                .andExpect(content().string(containsString("DPM (static:DPM#1)")));
        InOrder order = inOrder(audit);
        order.verify(audit).record(MEMBER, DPM, "member-support", "console:member");
        order.verify(audit).accessesOf(MEMBER);
    }

    @Test
    void a_purpose_outside_the_vocabulary_gives_the_error_page_and_nothing_is_read_or_recorded() throws Exception {
        mvc.perform(get(PAGE).param("purpose", "Bad Purpose").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "purpose-required"));
        verifyNoInteractions(reading, reads, audit, queries);
    }

    @Test
    void a_member_id_that_is_not_a_uuid_gives_the_error_page() throws Exception {
        mvc.perform(get("/console/members/ada_lovelace").param("purpose", "member-support").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "bad-input"));
        verifyNoInteractions(reading, audit);
    }

    @Test
    void the_auditor_may_not_read_a_members_page() throws Exception {
        mvc.perform(get(PAGE).param("purpose", "audit").with(auditor()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(reading, reads, audit, queries);
    }

    @Test
    void without_a_session_the_members_page_sends_to_the_sign_in_page() throws Exception {
        mvc.perform(get(PAGE).param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(reading, reads, audit, queries);
    }

    // --- the register extract

    private RegisterExtract extract() {
        return new RegisterExtract(RegisterExtract.SCHEMA, AT, DPM, null, new RegisterExtract.Member(MEMBER,
                "ada_lovelace", "Ada", "Lovelace", null, "ada@example.org", "ACTIVE", AT, AT), List.of(), List.of(),
                List.of(), null, null, List.of(), List.of(), null, List.of(), null, List.of(), null, null, List.of(),
                false, null, List.of());
    }

    @Test
    void the_extract_asks_for_its_purpose_first_and_keeps_the_format() throws Exception {
        mvc.perform(get(PAGE + "/extract").param("format", "pdf").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/purpose"))
                .andExpect(model().attribute("format", "pdf"))
                .andExpect(content().string(containsString("<input type=\"hidden\" name=\"format\" value=\"pdf\" />")));
        verifyNoInteractions(extracts);
    }

    @Test
    void the_extract_as_pdf_is_issued_for_the_declared_purpose_and_served_inline() throws Exception {
        RegisterExtract extract = extract();
        when(extracts.issue(MEMBER, "legal-claim", RegisterExtracts.Format.PDF, DPM)).thenReturn(extract);
        when(extracts.pdf(extract)).thenReturn("%PDF-1.7 test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        mvc.perform(get(PAGE + "/extract").param("format", "pdf").param("purpose", "legal-claim").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition",
                        "inline; filename=\"register-extract-" + MEMBER + ".pdf\""))
                .andExpect(content().bytes("%PDF-1.7 test".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        verify(extracts).issue(MEMBER, "legal-claim", RegisterExtracts.Format.PDF, DPM);
    }

    @Test
    void the_extract_as_json_is_an_attachment_of_the_issued_extract() throws Exception {
        when(extracts.issue(MEMBER, "access-request", RegisterExtracts.Format.JSON, DPM)).thenReturn(extract());
        mvc.perform(get(PAGE + "/extract").param("format", "json").param("purpose", "access-request").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"register-extract-" + MEMBER + ".json\""))
                .andExpect(jsonPath("$.schema").value(RegisterExtract.SCHEMA))
                .andExpect(jsonPath("$.member.memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.issuedTo.principal").value("static:DPM#1"));
    }

    @Test
    void the_extract_as_a_page_is_the_members_copy_without_its_standalone_style() throws Exception {
        RegisterExtract extract = extract();
        when(extracts.issue(MEMBER, "access-request", RegisterExtracts.Format.HTML, DPM)).thenReturn(extract);
        when(extracts.html(extract, false)).thenReturn("<html><body>Your register extract</body></html>");
        mvc.perform(get(PAGE + "/extract").param("purpose", "access-request").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/html;charset=UTF-8"))
                .andExpect(content().string("<html><body>Your register extract</body></html>"));
        verify(extracts).html(extract, false);
    }

    @Test
    void an_extract_format_other_than_json_html_or_pdf_gives_the_error_page_and_nothing_is_issued() throws Exception {
        mvc.perform(get(PAGE + "/extract").param("format", "xml").param("purpose", "access-request").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "invalid-format"));
        verifyNoInteractions(extracts);
    }

    @Test
    void the_auditor_may_not_issue_an_extract() throws Exception {
        mvc.perform(get(PAGE + "/extract").param("format", "json").param("purpose", "audit").with(auditor()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(extracts);
    }

    // --- legal holds

    @Test
    void a_legal_hold_is_placed_with_its_ground_reason_and_review_date_and_the_page_reopens_for_the_purpose()
            throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "  Pending court case 12-345.  ").param("reviewBy", "2026-09-30")
                        .param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BACK))
                .andExpect(flash().attribute("ok", "The legal hold was placed."));
        verify(erasures).placeHold(MEMBER, LegalHoldGround.LEGAL_CLAIMS, "Pending court case 12-345.",
                LocalDate.of(2026, 9, 30), DPM);
    }

    @Test
    void a_legal_hold_without_a_review_date_is_placed_without_one() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "SECURITY")
                        .param("reason", "Misuse under investigation").param("reviewBy", "")
                        .param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BACK));
        verify(erasures).placeHold(MEMBER, LegalHoldGround.SECURITY, "Misuse under investigation", null, DPM);
    }

    @Test
    void a_legal_hold_without_its_reason_goes_back_with_the_rule_and_nothing_is_placed() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "   ").param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BACK))
                .andExpect(flash().attribute("error", "A legal hold needs its reason (up to 500 characters)."));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_legal_hold_whose_review_date_is_not_a_date_goes_back_and_nothing_is_placed() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "Pending court case").param("reviewBy", "30.09.2026")
                        .param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", "The review date must be a date (YYYY-MM-DD)."));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_legal_hold_on_an_unknown_ground_gives_the_error_page_and_nothing_is_placed() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "CURIOSITY")
                        .param("reason", "Pending court case").param("purpose", "member-support"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "bad-input"));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_legal_hold_with_a_purpose_outside_the_vocabulary_gives_the_error_page_and_nothing_is_placed()
            throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).with(csrf()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "Pending court case").param("purpose", "Just Looking"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "purpose-required"));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_hold_is_released_as_the_signed_in_dpm() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds/" + HOLD + "/release").with(dpm()).with(csrf())
                        .param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BACK))
                .andExpect(flash().attribute("ok", "The legal hold was released."));
        verify(erasures).releaseHold(MEMBER, HOLD, DPM);
    }

    @Test
    void a_release_the_ledger_refuses_goes_back_with_its_reason() throws Exception {
        org.mockito.Mockito.doThrow(refusal(Refusal.Kind.NOT_FOUND, "unknown-hold", "no such legal hold"))
                .when(erasures).releaseHold(MEMBER, HOLD, DPM);
        mvc.perform(post(PAGE + "/legal-holds/" + HOLD + "/release").with(dpm()).with(csrf())
                        .param("purpose", "member-support"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(BACK))
                .andExpect(flash().attribute("error", "no such legal hold"));
    }

    @Test
    void the_auditor_may_not_place_or_release_a_hold() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(auditor()).with(csrf()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "Pending court case").param("purpose", "audit"))
                .andExpect(status().isForbidden());
        mvc.perform(post(PAGE + "/legal-holds/" + HOLD + "/release").with(auditor()).with(csrf())
                        .param("purpose", "audit"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(erasures);
    }

    @Test
    void a_hold_posted_without_its_csrf_token_is_refused_and_nothing_is_placed() throws Exception {
        mvc.perform(post(PAGE + "/legal-holds").with(dpm()).param("ground", "LEGAL_CLAIMS")
                        .param("reason", "Pending court case").param("purpose", "member-support"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(erasures);
    }

    // --- erasure

    @Test
    void an_erasure_confirmed_by_the_typed_member_id_erases_and_shows_the_receipt() throws Exception {
        MemberErasures.Receipt receipt = new MemberErasures.Receipt(MEMBER, ErasureGround.MEMBER_REQUEST, AT, true, true,
                new MemberErasures.ErasureEvidence("evt-42", 41, "bGVhZg==", 42, "ledger.example/log\n42\n",
                        List.of("cHJvb2Y=")));
        when(erasures.erase(MEMBER, ErasureGround.MEMBER_REQUEST, DPM)).thenReturn(receipt);
        mvc.perform(post(PAGE + "/erasure").with(dpm()).with(csrf()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", " " + MEMBER + " ").param("purpose", "erasure-request"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/receipt"))
                .andExpect(model().attribute("receipt", receipt))
                .andExpect(content().string(containsString("id=\"erasure-done\"")))
                .andExpect(content().string(containsString("<td class=\"mono\">" + MEMBER + "</td>")))
                .andExpect(content().string(containsString("<td class=\"mono\">evt-42</td>")))
                .andExpect(content().string(containsString("41 of 42")));
        verify(erasures).erase(MEMBER, ErasureGround.MEMBER_REQUEST, DPM);
    }

    @Test
    void an_erasure_without_the_typed_member_id_erases_nothing() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(dpm()).with(csrf()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", "yes").param("purpose", "erasure-request"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE + "?purpose=erasure-request"))
                .andExpect(flash().attribute("error",
                        "Nothing was erased: type the member id exactly to confirm the erasure."));
        verifyNoInteractions(erasures);
    }

    @Test
    void an_erasure_confirmed_by_another_members_id_erases_nothing() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(dpm()).with(csrf()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", OTHER.toString()).param("purpose", "erasure-request"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error",
                        "Nothing was erased: type the member id exactly to confirm the erasure."));
        verifyNoInteractions(erasures);
    }

    @Test
    void an_erasure_a_standing_hold_refuses_goes_back_with_the_ledgers_reason() throws Exception {
        when(erasures.erase(eq(MEMBER), any(), any()))
                .thenThrow(refusal(Refusal.Kind.CONFLICT, "legal-hold", "a legal hold stands"));
        mvc.perform(post(PAGE + "/erasure").with(dpm()).with(csrf()).param("ground", "RETENTION_EXPIRED")
                        .param("confirmation", MEMBER.toString()).param("purpose", "erasure-request"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE + "?purpose=erasure-request"))
                .andExpect(flash().attribute("error", "The erasure was refused: a legal hold stands"));
        verify(erasures).erase(MEMBER, ErasureGround.RETENTION_EXPIRED, DPM);
    }

    @Test
    void an_erasure_on_an_unknown_ground_gives_the_error_page_and_erases_nothing() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(dpm()).with(csrf()).param("ground", "BOREDOM")
                        .param("confirmation", MEMBER.toString()).param("purpose", "erasure-request"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(content().string(not(containsString("id=\"erasure-done\""))));
        verifyNoInteractions(erasures);
    }

    @Test
    void the_auditor_may_not_erase_a_member() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(auditor()).with(csrf()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", MEMBER.toString()).param("purpose", "audit"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(erasures);
    }

    @Test
    void an_erasure_posted_without_its_csrf_token_is_refused_and_erases_nothing() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(dpm()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", MEMBER.toString()).param("purpose", "erasure-request"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(erasures);
    }

    @Test
    void without_a_session_an_erasure_sends_to_the_sign_in_page_and_erases_nothing() throws Exception {
        mvc.perform(post(PAGE + "/erasure").with(csrf()).param("ground", "MEMBER_REQUEST")
                        .param("confirmation", MEMBER.toString()).param("purpose", "erasure-request"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(erasures);
    }
}
