package ledger.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.consent.ConsentDocuments;
import ledger.api.http.WebSlice;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.consent.FindMembersToReconsent;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.member.MemberViewProjection.MembersToReconsent;

/** The consent to a purpose at a moment, and the members who must consent again under a notice. */
@WebSlice(ConsentStateController.class)
@Import(PageLimit.class)
@MockitoBean(types = {ConsentTrails.class, ConsentDocuments.class, NoticeRegistry.class, PurposeCatalog.class,
        QueryGateway.class, Clock.class})
class ConsentStateControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID MEMBER = UUID.fromString("0b6c4f2e-8d1a-4a57-b1b8-5d2b9b1e7c01");
    private static final UUID CONSENT = UUID.fromString("c0a8e4f1-1111-4a57-b1b8-5d2b9b1e7c02");
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsentTrails trails;

    @Autowired
    ConsentDocuments documents;

    @Autowired
    NoticeRegistry notices;

    @Autowired
    PurposeCatalog purposes;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    private ConsentDocuments.ConsentStateAt granted(Instant at) {
        return new ConsentDocuments.ConsentStateAt(MEMBER, "newsletter", at, true, CONSENT, "2019-01-05",
                "ef".repeat(32), Instant.parse("2025-02-03T04:05:06Z"),
                List.of(new ConsentDocuments.Evidence("event-9", 4, "ConsentGiven",
                        Instant.parse("2025-02-03T04:05:06Z"), 17L)));
    }

    private static PrivacyNotice notice(String version, String effectiveFrom, String newsletter) {
        return new PrivacyNotice(NoticeVersion.of(version), "en", "https://example.org/privacy/" + version,
                "text " + version, "00".repeat(32), Instant.parse(effectiveFrom),
                Map.of("portal-membership", new NoticePurpose("The partner portal", "consent"),
                        "newsletter", new NoticePurpose(newsletter, "consent")),
                "until withdrawn", List.of(), Instant.parse(effectiveFrom));
    }

    @Test
    void an_auditor_reads_the_consent_at_a_moment_from_the_members_trail() throws Exception {
        ConsentTrail trail = new ConsentTrail(List.of());
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        when(purposes.knows("newsletter")).thenReturn(true);
        when(trails.of(MemberId.of(MEMBER))).thenReturn(trail);
        when(documents.state(any(), anyString(), any(), any())).thenReturn(granted(at));

        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", AUDITOR)
                        .param("memberId", MEMBER.toString()).param("purpose", "newsletter")
                        .param("at", "2026-02-01T00:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.purpose").value("newsletter"))
                .andExpect(jsonPath("$.at").value("2026-02-01T00:00:00Z"))
                .andExpect(jsonPath("$.granted").value(true))
                .andExpect(jsonPath("$.consentId").value(CONSENT.toString()))
                .andExpect(jsonPath("$.noticeVersion").value("2019-01-05"))
                .andExpect(jsonPath("$.noticeSha256").value("ef".repeat(32)))
                .andExpect(jsonPath("$.since").value("2025-02-03T04:05:06Z"))
                .andExpect(jsonPath("$.evidence[0].eventId").value("event-9"))
                .andExpect(jsonPath("$.evidence[0].sequence").value(4))
                .andExpect(jsonPath("$.evidence[0].leafIndex").value(17));

        verify(documents).state(MemberId.of(MEMBER), "newsletter", at, trail);
        verifyNoInteractions(clock);
    }

    @Test
    void without_a_moment_the_dpm_reads_the_consent_as_it_stands_by_the_clock() throws Exception {
        ConsentTrail trail = new ConsentTrail(List.of());
        when(purposes.knows("newsletter")).thenReturn(true);
        when(clock.instant()).thenReturn(NOW);
        when(trails.of(MemberId.of(MEMBER))).thenReturn(trail);
        when(documents.state(any(), anyString(), any(), any())).thenReturn(granted(NOW));

        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", DPM)
                        .param("memberId", MEMBER.toString()).param("purpose", "newsletter"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.granted").value(true));

        ArgumentCaptor<Instant> moment = ArgumentCaptor.forClass(Instant.class);
        verify(documents).state(eq(MemberId.of(MEMBER)), eq("newsletter"), moment.capture(), eq(trail));
        assertThat(moment.getValue()).isEqualTo(NOW);
    }

    @Test
    void an_unknown_purpose_is_refused_naming_the_field_and_no_trail_is_read() throws Exception {
        when(purposes.knows("telemarketing")).thenReturn(false);

        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", AUDITOR)
                        .param("memberId", MEMBER.toString()).param("purpose", "telemarketing"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-purpose"))
                .andExpect(jsonPath("$.errors.purpose").exists());
        verifyNoInteractions(trails, documents);
    }

    @Test
    void a_moment_that_is_no_instant_is_refused_naming_the_parameter_and_no_trail_is_read() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);

        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", AUDITOR)
                        .param("memberId", MEMBER.toString()).param("purpose", "newsletter")
                        .param("at", "2026-02-01"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.at").exists());
        verifyNoInteractions(trails, documents);
    }

    @Test
    void a_member_id_that_is_missing_or_no_uuid_is_refused_and_no_trail_is_read() throws Exception {
        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", AUDITOR)
                        .param("purpose", "newsletter"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:bad-request"))
                .andExpect(jsonPath("$.detail").value("the parameter memberId is required"));
        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", AUDITOR)
                        .param("memberId", "42").param("purpose", "newsletter"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").exists());
        verifyNoInteractions(trails, documents);
    }

    @Test
    void the_portal_may_not_read_the_consent_state() throws Exception {
        mvc.perform(get("/api/v1/audit/consent-state").header("Authorization", PORTAL)
                        .param("memberId", MEMBER.toString()).param("purpose", "newsletter"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(trails, documents, purposes);
    }

    @Test
    void without_a_token_the_consent_state_answers_401() throws Exception {
        mvc.perform(get("/api/v1/audit/consent-state")
                        .param("memberId", MEMBER.toString()).param("purpose", "newsletter"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(trails, documents, purposes);
    }

    @Test
    void an_auditor_lists_the_members_to_consent_again_with_the_changed_purposes_and_the_next_cursor()
            throws Exception {
        UUID after = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000002");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000003");
        when(notices.all()).thenReturn(List.of(notice("2019-01-05", "2019-01-05T00:00:00Z", "News"),
                notice("2024-01-01", "2024-01-01T00:00:00Z", "News and offers")));
        doReturn(CompletableFuture.completedFuture(new MembersToReconsent(List.of(first, second))))
                .when(queries).query(any(FindMembersToReconsent.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", AUDITOR)
                        .param("notice", "2024-01-01").param("cursor", Cursor.afterId(after)).param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notice").value("2024-01-01"))
                .andExpect(jsonPath("$.purposes.length()").value(1))
                .andExpect(jsonPath("$.purposes[0]").value("newsletter"))
                .andExpect(jsonPath("$.memberIds[0]").value(first.toString()))
                .andExpect(jsonPath("$.memberIds[1]").value(second.toString()))
                .andExpect(jsonPath("$.nextCursor").value(Cursor.afterId(second)));

        ArgumentCaptor<FindMembersToReconsent> query = ArgumentCaptor.forClass(FindMembersToReconsent.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue().after()).isEqualTo(after);
        assertThat(query.getValue().limit()).isEqualTo(2);
        assertThat(query.getValue().upToDate()).isEqualTo(Map.of(
                "newsletter", Set.of("2024-01-01"),
                "portal-membership", Set.of("2019-01-05", "2024-01-01")));
    }

    @Test
    void a_short_page_of_members_to_consent_again_has_no_next_cursor() throws Exception {
        when(notices.all()).thenReturn(List.of(notice("2024-01-01", "2024-01-01T00:00:00Z", "News")));
        doReturn(CompletableFuture.completedFuture(new MembersToReconsent(List.of(MEMBER))))
                .when(queries).query(any(FindMembersToReconsent.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", DPM).param("notice", "2024-01-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberIds[0]").value(MEMBER.toString()))
                .andExpect(jsonPath("$.purposes").isEmpty())
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void a_notice_that_is_no_notice_version_is_refused_naming_the_parameter_and_nothing_is_queried()
            throws Exception {
        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", AUDITOR).param("notice", "../etc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.notice").exists());
        verifyNoInteractions(queries, notices);
    }

    @Test
    void a_limit_above_the_maximum_or_a_forged_cursor_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", AUDITOR)
                        .param("notice", "2024-01-01").param("limit", "100000"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").exists());
        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", AUDITOR)
                        .param("notice", "2024-01-01").param("cursor", Cursor.after(5)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.cursor").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_notice_nobody_registered_answers_404_and_nothing_is_queried() throws Exception {
        when(notices.all()).thenReturn(List.of(notice("2019-01-05", "2019-01-05T00:00:00Z", "News")));

        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", AUDITOR).param("notice", "2030-01-01"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-notice"));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void an_admin_may_not_list_the_members_to_consent_again() throws Exception {
        mvc.perform(get("/api/v1/audit/reconsent").header("Authorization", ADMIN).param("notice", "2024-01-01"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, notices);
    }

    @Test
    void without_a_token_the_reconsent_list_answers_401() throws Exception {
        mvc.perform(get("/api/v1/audit/reconsent").param("notice", "2024-01-01"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries, notices);
    }
}
