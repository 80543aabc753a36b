package ledger.api.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ledger.api.application.request.RequesterContacts;
import ledger.api.application.request.VerificationCodes;
import ledger.api.http.WebSlice;
import ledger.api.http.support.PageLimit;
import ledger.core.member.MemberId;
import ledger.core.request.AnswerVerificationChallenge;
import ledger.core.request.CloseRequestNoDataHeld;
import ledger.core.request.CompleteRequest;
import ledger.core.request.ExtendRequest;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.FindRequests;
import ledger.core.request.IssueVerificationChallenge;
import ledger.core.request.LinkRequest;
import ledger.core.request.RecordRequest;
import ledger.core.request.RefuseRequest;
import ledger.core.request.RequestFilter;
import ledger.core.request.RequestId;
import ledger.core.request.RequestType;
import ledger.core.request.VerificationMethod;
import ledger.core.request.VerifyIdentity;
import ledger.projections.request.RequestEventRow;
import ledger.projections.request.RequestProjection.RequestTrail;
import ledger.projections.request.RequestProjection.Requests;
import ledger.projections.request.RequestRow;

/** The DPM's data-subject requests: recording, identity checks, deadlines, completion, refusal and reads. */
@WebSlice(RequestController.class)
@Import(PageLimit.class)
@MockitoBean(types = {CommandGateway.class, QueryGateway.class, Clock.class, VerificationCodes.class,
        RequesterContacts.class})
class RequestControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID REQUEST = UUID.fromString("4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d");
    private static final UUID MEMBER = UUID.fromString("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final String BASE = "/api/v1/requests/" + REQUEST;

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    @Autowired
    VerificationCodes codes;

    @Autowired
    RequesterContacts contacts;

    @BeforeEach
    void the_clock_stands_at_now() {
        // the clock also bounds receivedAt (@ReceivedInstant)
        when(clock.instant()).thenReturn(NOW);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String token,
                                                      String body) {
        return request.header("Authorization", token).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static RequestRow open() {
        return new RequestRow(REQUEST, MEMBER, "ACCESS", Instant.parse("2026-04-20T00:00:00Z"),
                Instant.parse("2026-05-20T00:00:00Z"), false, null, null, null, Instant.parse("2026-04-21T00:00:00Z"),
                "IDENTITY_DOCUMENT", null, null, null, null, null, null);
    }

    private static RequestRow completedLate() {
        return new RequestRow(UUID.fromString("00000000-0000-4000-8000-0000000000c1"), MEMBER, "ERASURE",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), false,
                Instant.parse("2026-02-03T00:00:00Z"), "MemberErased", 9L, Instant.parse("2026-01-02T00:00:00Z"),
                "PORTAL_LOGIN", Instant.parse("2026-02-03T00:00:00Z"), true, 2L, null, "dpm", "DPM");
    }

    // --- POST /requests

    @Test
    void the_dpm_records_a_members_request_and_gets_its_location_and_deadline() throws Exception {
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"memberId":"%s","type":"ACCESS","receivedAt":"2026-04-30T08:00:00Z"}""".formatted(MEMBER)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/requests/")))
                .andExpect(jsonPath("$.requestId").isNotEmpty())
                .andExpect(jsonPath("$.dueAt").value("2026-05-30T08:00:00Z"));

        ArgumentCaptor<RecordRequest> command = ArgumentCaptor.forClass(RecordRequest.class);
        verify(commands).sendAndWait(command.capture());
        RecordRequest sent = command.getValue();
        assertThat(sent.memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(sent.type()).isEqualTo(RequestType.ACCESS);
        assertThat(sent.receivedAt()).isEqualTo(Instant.parse("2026-04-30T08:00:00Z"));
        assertThat(sent.requestedBy().role()).isEqualTo("DPM");
        assertThat(sent.requesterEmail()).isNull();
        assertThat(sent.requesterName()).isNull();
    }

    @Test
    void the_dpm_records_the_request_of_someone_known_by_contact_data_only() throws Exception {
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"requester":{"email":"ada@example.org","name":"Ada Lovelace"},"type":"ERASURE",
                         "receivedAt":"2026-04-30T08:00:00Z"}"""))
                .andExpect(status().isCreated());

        ArgumentCaptor<RecordRequest> command = ArgumentCaptor.forClass(RecordRequest.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().memberId()).isNull();
        assertThat(command.getValue().type()).isEqualTo(RequestType.ERASURE);
        assertThat(command.getValue().requesterEmail()).isEqualTo("ada@example.org");
        assertThat(command.getValue().requesterName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void a_request_naming_both_a_member_and_a_requester_or_neither_is_refused_and_nothing_is_sent()
            throws Exception {
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"memberId":"%s","requester":{"email":"ada@example.org"},"type":"ACCESS",
                         "receivedAt":"2026-04-30T08:00:00Z"}""".formatted(MEMBER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.requester").exists());
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"type":"ACCESS","receivedAt":"2026-04-30T08:00:00Z"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.memberId").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_request_without_a_type_received_in_the_future_or_of_an_unknown_type_is_refused_naming_the_field()
            throws Exception {
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"memberId":"%s","receivedAt":"2026-04-30T08:00:00Z"}""".formatted(MEMBER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.type").exists());
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"memberId":"%s","type":"ACCESS","receivedAt":"2026-05-03T12:00:00Z"}""".formatted(MEMBER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.receivedAt").exists());
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"memberId":"%s","type":"GOSSIP","receivedAt":"2026-04-30T08:00:00Z"}""".formatted(MEMBER)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.type", Matchers.startsWith("must be one of: ACCESS")));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_requester_whose_email_is_no_address_is_refused_naming_the_nested_field() throws Exception {
        mvc.perform(json(post("/api/v1/requests"), DPM, """
                        {"requester":{"email":"ada at example"},"type":"ACCESS",
                         "receivedAt":"2026-04-30T08:00:00Z"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors['requester.email']").value("must be an email address"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_portal_may_not_record_a_request_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(json(post("/api/v1/requests"), PORTAL, "{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /requests/{id}/verification

    @Test
    void the_dpm_records_how_the_requesters_identity_was_checked() throws Exception {
        mvc.perform(json(post(BASE + "/verification"), DPM, "{\"method\":\"IDENTITY_DOCUMENT\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.method").value("IDENTITY_DOCUMENT"));

        ArgumentCaptor<VerifyIdentity> command = ArgumentCaptor.forClass(VerifyIdentity.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().method()).isEqualTo(VerificationMethod.IDENTITY_DOCUMENT);
        assertThat(command.getValue().requestedBy().role()).isEqualTo("DPM");
        verifyNoInteractions(codes);
    }

    @Test
    void the_portal_passes_on_the_members_code_as_its_digest_and_the_request_is_verified_by_one_time_code()
            throws Exception {
        when(codes.digest(REQUEST, "12345678")).thenReturn("digest-of-12345678");
        when(commands.sendAndWait(any(AnswerVerificationChallenge.class)))
                .thenReturn(new AnswerVerificationChallenge.Outcome(true, 4));

        mvc.perform(json(post(BASE + "/verification"), PORTAL, "{\"code\":\"12345678\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.method").value("ONE_TIME_CODE"));

        ArgumentCaptor<AnswerVerificationChallenge> command = ArgumentCaptor.forClass(AnswerVerificationChallenge.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().codeDigest()).isEqualTo("digest-of-12345678");
        assertThat(command.getValue().requestedBy().role()).isEqualTo("PORTAL");
    }

    @Test
    void a_wrong_code_answers_422_with_the_attempts_left() throws Exception {
        when(codes.digest(REQUEST, "00000000")).thenReturn("digest-of-00000000");
        when(commands.sendAndWait(any(AnswerVerificationChallenge.class)))
                .thenReturn(new AnswerVerificationChallenge.Outcome(false, 3));

        mvc.perform(json(post(BASE + "/verification"), PORTAL, "{\"code\":\"00000000\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:wrong-code"))
                .andExpect(jsonPath("$.errors.code", Matchers.containsString("3 attempts left")));
    }

    @Test
    void the_dpm_may_not_pass_on_a_code_nor_the_portal_record_a_method() throws Exception {
        mvc.perform(json(post(BASE + "/verification"), DPM, "{\"code\":\"12345678\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(json(post(BASE + "/verification"), PORTAL, "{\"method\":\"PORTAL_LOGIN\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
        verifyNoInteractions(codes);
    }

    @Test
    void a_verification_with_both_method_and_code_or_a_code_of_other_than_8_digits_is_refused() throws Exception {
        mvc.perform(json(post(BASE + "/verification"), DPM, "{\"method\":\"IN_PERSON\",\"code\":\"12345678\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.code").exists());
        mvc.perform(json(post(BASE + "/verification"), PORTAL, "{\"code\":\"1234\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.code").value("8 digits"));
        verify(commands, never()).sendAndWait(any());
        verifyNoInteractions(codes);
    }

    @Test
    void an_auditor_may_not_record_a_verification() throws Exception {
        mvc.perform(json(post(BASE + "/verification"), AUDITOR, "{\"method\":\"IN_PERSON\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /requests/{id}/verification-challenge

    @Test
    void the_dpm_issues_a_one_time_code_valid_for_the_configured_time_and_only_its_digest_is_sent()
            throws Exception {
        when(codes.newCode()).thenReturn("87654321");
        when(codes.digest(REQUEST, "87654321")).thenReturn("digest-of-87654321");

        mvc.perform(post(BASE + "/verification-challenge").header("Authorization", DPM))
                .andExpect(status().isCreated())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.code").value("87654321"))
                .andExpect(jsonPath("$.expiresAt").value("2026-05-01T12:30:00Z"));

        ArgumentCaptor<IssueVerificationChallenge> command = ArgumentCaptor.forClass(IssueVerificationChallenge.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().codeDigest()).isEqualTo("digest-of-87654321");
        assertThat(command.getValue().expiresAt()).isEqualTo(Instant.parse("2026-05-01T12:30:00Z"));
    }

    @Test
    void a_challenge_for_a_request_id_that_is_no_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(post("/api/v1/requests/latest/verification-challenge").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.requestId").value("must be a UUID"));
        verify(commands, never()).sendAndWait(any());
        verifyNoInteractions(codes);
    }

    @Test
    void the_portal_may_not_issue_a_challenge() throws Exception {
        mvc.perform(post(BASE + "/verification-challenge").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
        verifyNoInteractions(codes);
    }

    // --- POST /requests/{id}/extension

    @Test
    void the_dpm_extends_the_deadline_and_gets_the_new_one() throws Exception {
        when(commands.sendAndWait(any(ExtendRequest.class))).thenReturn(Instant.parse("2026-07-20T00:00:00Z"));

        mvc.perform(json(post(BASE + "/extension"), DPM, """
                        {"memberId":"%s","months":2,"reason":"many requests at once"}""".formatted(MEMBER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.dueAt").value("2026-07-20T00:00:00Z"));

        ArgumentCaptor<ExtendRequest> command = ArgumentCaptor.forClass(ExtendRequest.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(command.getValue().months()).isEqualTo(2);
        assertThat(command.getValue().reason()).isEqualTo("many requests at once");
    }

    @Test
    void an_extension_by_three_months_or_without_a_reason_is_refused_naming_the_field() throws Exception {
        mvc.perform(json(post(BASE + "/extension"), DPM, "{\"months\":3,\"reason\":\"busy\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.months").exists());
        mvc.perform(json(post(BASE + "/extension"), DPM, "{\"months\":1,\"reason\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_not_extend_a_deadline() throws Exception {
        mvc.perform(json(post(BASE + "/extension"), AUDITOR, "{\"months\":1,\"reason\":\"busy\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /requests/{id}/completion

    @Test
    void the_dpm_completes_a_request_with_the_member_event_that_answered_it() throws Exception {
        mvc.perform(json(post(BASE + "/completion"), DPM,
                        "{\"resultingEventType\":\"RegisterExtractIssued\",\"resultingEventSeq\":7}"))
                .andExpect(status().isNoContent());

        ArgumentCaptor<CompleteRequest> command = ArgumentCaptor.forClass(CompleteRequest.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().resultingEventType()).isEqualTo("RegisterExtractIssued");
        assertThat(command.getValue().resultingEventSeq()).isEqualTo(7);
    }

    @Test
    void the_dpm_closes_a_request_of_someone_who_is_no_member_as_no_data_held() throws Exception {
        mvc.perform(json(post(BASE + "/completion"), DPM, "{\"outcome\":\"NO_DATA_HELD\"}"))
                .andExpect(status().isNoContent());

        ArgumentCaptor<CloseRequestNoDataHeld> command = ArgumentCaptor.forClass(CloseRequestNoDataHeld.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void a_completion_with_both_an_outcome_and_an_event_or_with_neither_is_refused_naming_the_field()
            throws Exception {
        mvc.perform(json(post(BASE + "/completion"), DPM,
                        "{\"outcome\":\"NO_DATA_HELD\",\"resultingEventType\":\"MemberErased\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.outcome").exists());
        mvc.perform(json(post(BASE + "/completion"), DPM, "{\"resultingEventType\":\"MemberErased\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.resultingEventType").exists());
        mvc.perform(json(post(BASE + "/completion"), DPM, "{\"outcome\":\"DONE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.outcome").value("must be NO_DATA_HELD"));
        mvc.perform(json(post(BASE + "/completion"), DPM,
                        "{\"resultingEventType\":\"MemberErased\",\"resultingEventSeq\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.resultingEventSeq").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_admin_may_not_complete_a_request() throws Exception {
        mvc.perform(json(post(BASE + "/completion"), ADMIN, "{\"outcome\":\"NO_DATA_HELD\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /requests/{id}/member

    @Test
    void the_dpm_links_a_request_to_the_member_it_turned_out_to_be_about() throws Exception {
        mvc.perform(json(post(BASE + "/member"), DPM, "{\"memberId\":\"%s\"}".formatted(MEMBER)))
                .andExpect(status().isNoContent());

        ArgumentCaptor<LinkRequest> command = ArgumentCaptor.forClass(LinkRequest.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
    }

    @Test
    void a_link_without_a_member_id_is_refused_naming_the_field() throws Exception {
        mvc.perform(json(post(BASE + "/member"), DPM, "{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.memberId").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_portal_may_not_link_a_request() throws Exception {
        mvc.perform(json(post(BASE + "/member"), PORTAL, "{\"memberId\":\"%s\"}".formatted(MEMBER)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /requests/{id}/refusal

    @Test
    void the_dpm_refuses_a_request_and_the_answer_names_the_supervisory_authority() throws Exception {
        when(commands.sendAndWait(any(RefuseRequest.class))).thenReturn(3L);

        mvc.perform(json(post(BASE + "/refusal"), DPM, "{\"reason\":\"manifestly unfounded\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.status").value("REFUSED"))
                .andExpect(jsonPath("$.late").value(true))
                .andExpect(jsonPath("$.daysLate").value(3))
                .andExpect(jsonPath("$.complaintAuthority.name", Matchers.containsString("IMY")))
                .andExpect(jsonPath("$.judicialRemedy", Matchers.containsString("judicial remedy")));

        ArgumentCaptor<RefuseRequest> command = ArgumentCaptor.forClass(RefuseRequest.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
        assertThat(command.getValue().reason()).isEqualTo("manifestly unfounded");
    }

    @Test
    void a_refusal_without_a_reason_is_refused_naming_the_field() throws Exception {
        mvc.perform(json(post(BASE + "/refusal"), DPM, "{\"reason\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.reason").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_not_refuse_a_request() throws Exception {
        mvc.perform(json(post(BASE + "/refusal"), AUDITOR, "{\"reason\":\"no\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- GET /requests

    @Test
    void the_dpm_lists_open_requests_by_default_with_their_status_as_of_now() throws Exception {
        doReturn(CompletableFuture.completedFuture(new Requests(List.of(open(), completedLate()))))
                .when(queries).query(any(FindRequests.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/requests").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$[0].type").value("ACCESS"))
                .andExpect(jsonPath("$[0].dueAt").value("2026-05-20T00:00:00Z"))
                .andExpect(jsonPath("$[0].status").value("OPEN"))
                .andExpect(jsonPath("$[0].verified").value(true))
                .andExpect(jsonPath("$[0].verificationMethod").value("IDENTITY_DOCUMENT"))
                .andExpect(jsonPath("$[0].closedBy").doesNotExist())
                .andExpect(jsonPath("$[1].status").value("COMPLETED"))
                .andExpect(jsonPath("$[1].late").value(true))
                .andExpect(jsonPath("$[1].daysLate").value(2))
                .andExpect(jsonPath("$[1].resultingEventType").value("MemberErased"))
                .andExpect(jsonPath("$[1].resultingEventSeq").value(9))
                .andExpect(jsonPath("$[1].closedBy.role").value("DPM"));

        ArgumentCaptor<FindRequests> query = ArgumentCaptor.forClass(FindRequests.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(new FindRequests(RequestFilter.OPEN, NOW, 1000));
    }

    @Test
    void the_dpm_lists_requests_due_soon_with_a_limit() throws Exception {
        doReturn(CompletableFuture.completedFuture(new Requests(List.of())))
                .when(queries).query(any(FindRequests.class), any(ResponseType.class));

        mvc.perform(get("/api/v1/requests").header("Authorization", DPM).param("status", "due-soon")
                        .param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());

        ArgumentCaptor<FindRequests> query = ArgumentCaptor.forClass(FindRequests.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(new FindRequests(RequestFilter.DUE_SOON, NOW, 5));
    }

    @Test
    void an_unknown_status_or_a_limit_of_zero_is_refused_naming_the_parameter_and_nothing_is_queried()
            throws Exception {
        mvc.perform(get("/api/v1/requests").header("Authorization", DPM).param("status", "late"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.status")
                        .value("status must be one of: open, due-soon, overdue, completed, refused"));
        mvc.perform(get("/api/v1/requests").header("Authorization", DPM).param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.limit").exists());
        verifyNoInteractions(queries);
    }

    @Test
    void the_portal_may_not_list_requests() throws Exception {
        mvc.perform(get("/api/v1/requests").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries);
    }

    // --- GET /requests/{id}

    @Test
    void the_dpm_reads_a_request_with_the_requesters_contact_data() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.of(open())))
                .when(queries).query(any(FindRequest.class), any(ResponseType.class));
        when(contacts.of(RequestId.of(REQUEST)))
                .thenReturn(Optional.of(new RequesterContacts.Contact("ada@example.org", "Ada Lovelace")));

        mvc.perform(get(BASE).header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.requester.email").value("ada@example.org"))
                .andExpect(jsonPath("$.requester.name").value("Ada Lovelace"));

        ArgumentCaptor<FindRequest> query = ArgumentCaptor.forClass(FindRequest.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue().requestId()).isEqualTo(RequestId.of(REQUEST));
    }

    @Test
    void an_unknown_request_answers_404_unknown_request() throws Exception {
        doReturn(CompletableFuture.completedFuture(Optional.empty()))
                .when(queries).query(any(FindRequest.class), any(ResponseType.class));

        mvc.perform(get(BASE).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-request"));
        verifyNoInteractions(contacts);
    }

    @Test
    void an_auditor_may_not_read_a_request() throws Exception {
        mvc.perform(get(BASE).header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, contacts);
    }

    // --- GET /requests/{id}/history

    @Test
    void the_dpm_reads_a_requests_trail_with_its_details_as_json() throws Exception {
        doReturn(CompletableFuture.completedFuture(new RequestTrail(List.of(
                new RequestEventRow(1L, REQUEST, 0, "RequestRecorded", Instant.parse("2026-04-20T00:00:00Z"), "dpm",
                        "DPM", "{\"type\":\"ACCESS\"}"),
                new RequestEventRow(2L, REQUEST, 1, "RequestExtended", Instant.parse("2026-04-25T00:00:00Z"), "dpm",
                        "DPM", "{\"months\":1,\"reason\":\"***\"}")))))
                .when(queries).query(any(FindRequestHistory.class), any(ResponseType.class));

        mvc.perform(get(BASE + "/history").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].seq").value(0))
                .andExpect(jsonPath("$[0].type").value("RequestRecorded"))
                .andExpect(jsonPath("$[0].actor.role").value("DPM"))
                .andExpect(jsonPath("$[0].details.type").value("ACCESS"))
                .andExpect(jsonPath("$[1].details.months").value(1))
                .andExpect(jsonPath("$[1].details.reason").value("***"));
        verify(queries, never()).query(any(FindRequest.class), any(ResponseType.class));
    }

    @Test
    void the_trail_of_an_unknown_request_answers_404_unknown_request() throws Exception {
        doReturn(CompletableFuture.completedFuture(new RequestTrail(List.of())))
                .when(queries).query(any(FindRequestHistory.class), any(ResponseType.class));
        doReturn(CompletableFuture.completedFuture(Optional.empty()))
                .when(queries).query(any(FindRequest.class), any(ResponseType.class));

        mvc.perform(get(BASE + "/history").header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-request"));
    }

    @Test
    void the_portal_may_not_read_a_requests_trail() throws Exception {
        mvc.perform(get(BASE + "/history").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries);
    }

    // --- no token

    @Test
    void without_a_token_every_request_endpoint_answers_401_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());
        for (String action : List.of("/verification", "/extension", "/completion", "/member", "/refusal")) {
            mvc.perform(post(BASE + action).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(post(BASE + "/verification-challenge")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/requests")).andExpect(status().isUnauthorized());
        mvc.perform(get(BASE)).andExpect(status().isUnauthorized());
        mvc.perform(get(BASE + "/history")).andExpect(status().isUnauthorized());
        verify(commands, never()).sendAndWait(any());
        verify(codes, never()).digest(any(), anyString());
        verifyNoInteractions(queries, contacts);
    }
}
