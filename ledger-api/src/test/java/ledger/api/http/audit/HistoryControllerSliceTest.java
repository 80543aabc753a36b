package ledger.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.reading.ReadYourWrites;
import ledger.api.http.WebSlice;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindConsentEvents;
import ledger.core.consent.FindMemberConsents;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.consent.ConsentHistoryProjection.ConsentEvents;
import ledger.projections.consent.ConsentHistoryProjection.MemberConsents;
import ledger.projections.consent.ConsentHistoryRow;
import ledger.projections.history.ConsentEntry;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;
import ledger.projections.history.MemberHistoryRow;

/** The auditors' reads: a member's consent history and trail, and the consent events across members. */
@WebSlice(HistoryController.class)
@Import(PageLimit.class)
@MockitoBean(types = {QueryGateway.class, ReadYourWrites.class})
class HistoryControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID MEMBER = UUID.fromString("6f1c1f0e-3c1b-4c53-9d4e-0b7d1f6f2a11");
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    ReadYourWrites reads;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void reads_run_the_query_at_once() {
        when(reads.read(any(), any(), any()))
                .thenAnswer(call -> ((Supplier<Optional<?>>) call.getArgument(1)).get().orElseThrow());
    }

    private static ConsentHistoryRow row(long id, String type, String purpose) {
        return new ConsentHistoryRow(id, MEMBER, 3, UUID.randomUUID(), type, purpose, "2019-01-05", "portal",
                AT, "portal-client", "PORTAL", "ab".repeat(32), "en", null, "event-" + id);
    }

    @Test
    void an_auditor_reads_a_members_consent_history_as_the_projection_answers_it() throws Exception {
        ConsentEntry entry = new ConsentEntry(2, "GIVEN", "newsletter", "2019-01-05", "cd".repeat(32), "portal",
                AT, new Actor("portal-client", "PORTAL", "member:" + MEMBER), "event-7");
        doReturn(CompletableFuture.completedFuture(new MemberConsents(List.of(entry), 2)))
                .when(queries).query(any(FindMemberConsents.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consent-history").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].seq").value(2))
                .andExpect(jsonPath("$[0].type").value("GIVEN"))
                .andExpect(jsonPath("$[0].purpose").value("newsletter"))
                .andExpect(jsonPath("$[0].policyVersion").value("2019-01-05"))
                .andExpect(jsonPath("$[0].channel").value("portal"))
                .andExpect(jsonPath("$[0].at").value("2026-03-01T10:15:30Z"))
                .andExpect(jsonPath("$[0].actor.role").value("PORTAL"))
                .andExpect(jsonPath("$[0].actor.actingUser").value("member:" + MEMBER))
                .andExpect(jsonPath("$[0].eventId").value("event-7"));

        ArgumentCaptor<FindMemberConsents> query = ArgumentCaptor.forClass(FindMemberConsents.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
    }

    @Test
    void the_dpm_reads_a_members_trail_with_its_details_as_json() throws Exception {
        MemberHistoryRow trailRow = new MemberHistoryRow(1L, MEMBER, 1, "MemberRegistered", AT, "portal-client",
                "PORTAL", "{\"username\":\"***\",\"purposes\":[\"portal-membership\"]}", null);
        doReturn(CompletableFuture.completedFuture(new MemberTrail(List.of(trailRow), 1)))
                .when(queries).query(any(FindMemberHistory.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/members/" + MEMBER + "/history").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].seq").value(1))
                .andExpect(jsonPath("$[0].type").value("MemberRegistered"))
                .andExpect(jsonPath("$[0].actor.principal").value("portal-client"))
                .andExpect(jsonPath("$[0].actor.actingUser").doesNotExist())
                .andExpect(jsonPath("$[0].details.username").value("***"))
                .andExpect(jsonPath("$[0].details.purposes[0]").value("portal-membership"));

        ArgumentCaptor<FindMemberHistory> query = ArgumentCaptor.forClass(FindMemberHistory.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
    }

    @Test
    void a_member_id_that_is_no_uuid_is_refused_naming_the_parameter_and_nothing_is_read() throws Exception {
        mvc.perform(get("/api/v1/members/not-a-uuid/history").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").exists());
        verifyNoInteractions(queries, reads);
    }

    @Test
    void the_portal_may_not_read_a_consent_history() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consent-history").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, reads);
    }

    @Test
    void an_admin_may_not_read_a_members_trail() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/history").header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, reads);
    }

    @Test
    void without_a_token_the_member_reads_answer_401() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consent-history"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/members/" + MEMBER + "/history"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries, reads);
    }

    @Test
    void an_auditor_lists_consent_events_filtered_and_paged_and_gets_the_cursor_of_the_next_page() throws Exception {
        doReturn(CompletableFuture.completedFuture(new ConsentEvents(List.of(row(41, "GIVEN", "newsletter"),
                row(42, "WITHDRAWN", "newsletter")))))
                .when(queries).query(any(FindConsentEvents.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR)
                        .param("purpose", "newsletter").param("from", "2026-01-01T00:00:00Z")
                        .param("to", "2026-04-01T00:00:00Z").param("cursor", Cursor.after(40)).param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(2))
                .andExpect(jsonPath("$.entries[0].memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.entries[0].type").value("GIVEN"))
                .andExpect(jsonPath("$.entries[0].purpose").value("newsletter"))
                .andExpect(jsonPath("$.entries[0].noticeSha256").value("ab".repeat(32)))
                .andExpect(jsonPath("$.entries[0].actor.role").value("PORTAL"))
                .andExpect(jsonPath("$.entries[0].eventId").value("event-41"))
                .andExpect(jsonPath("$.entries[1].type").value("WITHDRAWN"))
                .andExpect(jsonPath("$.nextCursor").value(Cursor.after(42)));

        ArgumentCaptor<FindConsentEvents> query = ArgumentCaptor.forClass(FindConsentEvents.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(new FindConsentEvents("newsletter",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), 40, 2));
    }

    @Test
    void a_short_page_of_consent_events_has_no_next_cursor_and_csv_is_given_on_request() throws Exception {
        doReturn(CompletableFuture.completedFuture(new ConsentEvents(List.of(row(7, "GIVEN", "newsletter")))))
                .when(queries).query(any(FindConsentEvents.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR).header("Accept", "text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().doesNotExist("X-Next-Cursor"))
                .andExpect(content().string(org.hamcrest.Matchers.startsWith(
                        "member_id,seq,type,purpose,policy_version,channel,at,actor_principal,actor_role,"
                                + "notice_sha256,acting_user\r\n" + MEMBER + ",3,GIVEN,newsletter,2019-01-05,portal,"
                                + "2026-03-01T10:15:30Z,portal-client,PORTAL,")));
    }

    @Test
    void a_purpose_that_is_no_purpose_name_is_refused_naming_the_parameter_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR).param("purpose", "news letter"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.purpose").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_from_that_is_no_instant_is_refused_naming_the_parameter_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR).param("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.from").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_limit_of_zero_or_a_forged_cursor_is_refused_naming_the_parameter_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR).param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").exists());
        mvc.perform(get("/api/v1/audit/consents").header("Authorization", AUDITOR).param("cursor", "forged"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.cursor").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void the_dpm_may_not_list_consent_events_across_members() throws Exception {
        mvc.perform(get("/api/v1/audit/consents").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries);
    }

    @Test
    void without_a_token_the_consent_events_answer_401() throws Exception {
        mvc.perform(get("/api/v1/audit/consents"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries);
    }
}
