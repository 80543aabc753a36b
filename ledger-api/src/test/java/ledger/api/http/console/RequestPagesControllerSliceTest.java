package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.core.member.MemberId;
import ledger.core.request.CompleteRequest;
import ledger.core.request.ExtendRequest;
import ledger.core.request.FindRequest;
import ledger.core.request.FindRequestHistory;
import ledger.core.request.RecordRequest;
import ledger.core.request.RefuseRequest;
import ledger.core.request.RequestId;
import ledger.core.request.RequestStatus;
import ledger.core.request.RequestType;
import ledger.core.request.VerificationMethod;
import ledger.core.request.VerifyIdentity;
import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;
import ledger.projections.request.RequestEventRow;
import ledger.projections.request.RequestProjection.RequestTrail;
import ledger.projections.request.RequestRow;

@ConsoleSlice(RequestPagesController.class)
@MockitoBean(types = {CommandGateway.class, QueryGateway.class, Clock.class, EventStore.class})
class RequestPagesControllerSliceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final UUID REQUEST = UUID.fromString("7e3a1c5d-2b4f-4a6e-8c0d-9f1e2d3c4b5a");
    private static final UUID MEMBER = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private static final String PAGE = "/console/requests/" + REQUEST;
    private static final Actor DPM = new Actor(ConsoleCallers.DPM_PRINCIPAL, "DPM");

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    @Autowired
    EventStore events;

    private final RequestRow row = new RequestRow(REQUEST, MEMBER, "ACCESS", NOW.minus(Duration.ofDays(3)),
            NOW.plus(Duration.ofDays(27)), false, null, null, null, null, null, null, null, null, null, null, null);
    private final List<RequestEventRow> trail = List.of(
            new RequestEventRow(1L, REQUEST, 0, "RequestRecorded", NOW.minus(Duration.ofDays(3)), "static:DPM#1", "DPM", "{}"),
            new RequestEventRow(2L, REQUEST, 1, "DeadlineReminderSent", NOW.minus(Duration.ofDays(1)), "ledger", "SYSTEM",
                    "{}"));

    @BeforeEach
    void stubs() {
        when(clock.instant()).thenReturn(NOW);
    }

    private void stubTheRequest(Optional<RequestRow> found) {
        when(events.lastSequenceNumberFor(REQUEST.toString())).thenReturn(Optional.of(1L));
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            if (query instanceof FindRequestHistory history && history.requestId().equals(RequestId.of(REQUEST))) {
                return CompletableFuture.completedFuture(new RequestTrail(trail));
            }
            if (query instanceof FindRequest find && find.requestId().equals(RequestId.of(REQUEST))) {
                return CompletableFuture.completedFuture(found);
            }
            throw new AssertionError("unexpected query " + query);
        });
    }

    private static Refusal refusal(Refusal.Kind kind, String code, String message) {
        return new Refusal(kind, code, message) {
        };
    }

    // --- the request's page

    @Test
    void the_dpm_sees_the_request_its_status_and_its_timeline() throws Exception {
        stubTheRequest(Optional.of(row));
        mvc.perform(get(PAGE).with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/request"))
                .andExpect(model().attribute("r", row))
                .andExpect(model().attribute("status", RequestStatus.OPEN))
                .andExpect(model().attribute("trail", trail))
                .andExpect(model().attribute("methods", VerificationMethod.values()))
                .andExpect(content().string(containsString("<td id=\"request-status\">OPEN</td>")))
                .andExpect(content().string(containsString("not yet")))
                .andExpect(content().string(containsString("DeadlineReminderSent")))
                .andExpect(content().string(containsString(PAGE + "/verification")));
    }

    @Test
    void an_unknown_request_gives_the_error_page_with_404() throws Exception {
        stubTheRequest(Optional.empty());
        mvc.perform(get(PAGE).with(dpm()))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "unknown-request"))
                .andExpect(content().string(containsString("no such request")));
    }

    @Test
    void a_request_id_that_is_not_a_uuid_gives_the_error_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/requests/not-a-uuid").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "bad-input"));
        verifyNoInteractions(queries, events);
    }

    @Test
    void the_auditor_may_not_see_a_request() throws Exception {
        mvc.perform(get(PAGE).with(auditor()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries, events);
    }

    @Test
    void without_a_session_a_request_page_sends_to_the_sign_in_page() throws Exception {
        mvc.perform(get(PAGE))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(queries, events);
    }

    // --- recording a request

    @Test
    void recording_a_request_sends_it_for_the_member_received_now_and_opens_its_page() throws Exception {
        String location = mvc.perform(post("/console/requests").with(dpm()).with(csrf())
                        .param("memberId", MEMBER.toString()).param("type", "ERASURE"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("ok", "The request was recorded."))
                .andReturn().getResponse().getRedirectedUrl();
        ArgumentCaptor<RecordRequest> sent = ArgumentCaptor.forClass(RecordRequest.class);
        verify(commands).sendAndWait(sent.capture());
        RecordRequest command = sent.getValue();
        assertThat(command.memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(command.type()).isEqualTo(RequestType.ERASURE);
        assertThat(command.receivedAt()).isEqualTo(NOW);
        assertThat(command.requestedBy()).isEqualTo(DPM);
        assertThat(location).isEqualTo("/console/requests/" + command.requestId().value());
    }

    @Test
    void a_request_the_ledger_refuses_goes_back_to_the_member_with_its_reason() throws Exception {
        when(commands.sendAndWait(any(RecordRequest.class)))
                .thenThrow(refusal(Refusal.Kind.RULE, "member-erased", "the member is erased"));
        mvc.perform(post("/console/requests").with(dpm()).with(csrf())
                        .param("memberId", MEMBER.toString()).param("type", "ACCESS"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/members?q=" + MEMBER))
                .andExpect(flash().attribute("error", "the member is erased"))
                .andExpect(flash().attributeCount(1));
    }

    @Test
    void a_request_type_the_ledger_does_not_know_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/console/requests").with(dpm()).with(csrf())
                        .param("memberId", MEMBER.toString()).param("type", "COMPLAINT"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "bad-input"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_request_without_a_member_id_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/console/requests").with(dpm()).with(csrf()).param("type", "ACCESS"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_auditor_may_not_record_a_request() throws Exception {
        mvc.perform(post("/console/requests").with(auditor()).with(csrf())
                        .param("memberId", MEMBER.toString()).param("type", "ACCESS"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    @Test
    void a_request_form_posted_without_its_csrf_token_is_refused_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/console/requests").with(dpm())
                        .param("memberId", MEMBER.toString()).param("type", "ACCESS"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    @Test
    void without_a_session_recording_a_request_sends_to_the_sign_in_page() throws Exception {
        mvc.perform(post("/console/requests").with(csrf())
                        .param("memberId", MEMBER.toString()).param("type", "ACCESS"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(commands);
    }

    // --- the identity check

    @Test
    void the_identity_check_is_sent_with_its_method_and_the_page_says_so() throws Exception {
        mvc.perform(post(PAGE + "/verification").with(dpm()).with(csrf()).param("method", "IDENTITY_DOCUMENT"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("ok", "The identity check was recorded."));
        ArgumentCaptor<VerifyIdentity> sent = ArgumentCaptor.forClass(VerifyIdentity.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new VerifyIdentity(RequestId.of(REQUEST),
                VerificationMethod.IDENTITY_DOCUMENT, DPM));
    }

    @Test
    void an_identity_check_the_ledger_refuses_goes_back_with_its_reason() throws Exception {
        when(commands.sendAndWait(any(VerifyIdentity.class)))
                .thenThrow(refusal(Refusal.Kind.CONFLICT, "request-closed", "the request is closed"));
        mvc.perform(post(PAGE + "/verification").with(dpm()).with(csrf()).param("method", "PORTAL_LOGIN"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("error", "the request is closed"));
    }

    @Test
    void an_identity_check_by_an_unknown_method_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/verification").with(dpm()).with(csrf()).param("method", "GUESSWORK"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_auditor_may_not_record_an_identity_check() throws Exception {
        mvc.perform(post(PAGE + "/verification").with(auditor()).with(csrf()).param("method", "IN_PERSON"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    // --- the extension

    @Test
    void an_extension_is_sent_with_its_months_and_its_reason_stripped() throws Exception {
        mvc.perform(post(PAGE + "/extension").with(dpm()).with(csrf()).param("memberId", MEMBER.toString())
                        .param("months", "2").param("reason", "  Complex request, many systems.  "))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("ok", "The deadline was extended."));
        ArgumentCaptor<ExtendRequest> sent = ArgumentCaptor.forClass(ExtendRequest.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new ExtendRequest(RequestId.of(REQUEST), MemberId.of(MEMBER), 2,
                "Complex request, many systems.", DPM));
    }

    @Test
    void an_extension_of_three_months_goes_back_with_the_rule_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/extension").with(dpm()).with(csrf()).param("memberId", MEMBER.toString())
                        .param("months", "3").param("reason", "Complex request"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("error",
                        "An extension is one or two months, with a reason (up to 1,000 characters)."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_extension_whose_reason_holds_a_control_character_goes_back_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/extension").with(dpm()).with(csrf()).param("memberId", MEMBER.toString())
                        .param("months", "1").param("reason", "line\u0007bell"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error",
                        "An extension is one or two months, with a reason (up to 1,000 characters)."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_extension_whose_months_are_not_a_number_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/extension").with(dpm()).with(csrf()).param("memberId", MEMBER.toString())
                        .param("months", "two").param("reason", "Complex request"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_auditor_may_not_extend_a_request() throws Exception {
        mvc.perform(post(PAGE + "/extension").with(auditor()).with(csrf()).param("memberId", MEMBER.toString())
                        .param("months", "1").param("reason", "Complex request"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    // --- linking the answer

    @Test
    void linking_the_answer_sends_its_event_type_and_number() throws Exception {
        mvc.perform(post(PAGE + "/completion").with(dpm()).with(csrf())
                        .param("resultingEventType", "RegisterExtractIssued").param("resultingEventSeq", "4"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("ok", "The request was linked to its answer."));
        ArgumentCaptor<CompleteRequest> sent = ArgumentCaptor.forClass(CompleteRequest.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new CompleteRequest(RequestId.of(REQUEST), "RegisterExtractIssued", 4,
                DPM));
    }

    @Test
    void an_answer_named_by_anything_but_letters_goes_back_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/completion").with(dpm()).with(csrf())
                        .param("resultingEventType", "Register-Extract").param("resultingEventSeq", "4"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("error",
                        "Name the answering event by its type (letters) and sequence number."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_answer_with_a_negative_number_goes_back_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/completion").with(dpm()).with(csrf())
                        .param("resultingEventType", "RegisterExtractIssued").param("resultingEventSeq", "-1"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error",
                        "Name the answering event by its type (letters) and sequence number."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_answer_number_that_is_not_a_number_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/completion").with(dpm()).with(csrf())
                        .param("resultingEventType", "RegisterExtractIssued").param("resultingEventSeq", "four"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_auditor_may_not_link_an_answer() throws Exception {
        mvc.perform(post(PAGE + "/completion").with(auditor()).with(csrf())
                        .param("resultingEventType", "RegisterExtractIssued").param("resultingEventSeq", "4"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    // --- the refusal

    @Test
    void a_refusal_is_sent_with_its_reason_stripped() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(dpm()).with(csrf()).param("reason", " Manifestly unfounded. "))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("ok", "The request was refused."));
        ArgumentCaptor<RefuseRequest> sent = ArgumentCaptor.forClass(RefuseRequest.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new RefuseRequest(RequestId.of(REQUEST), "Manifestly unfounded.", DPM));
    }

    @Test
    void a_refusal_without_its_reason_goes_back_with_a_clear_message_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(dpm()).with(csrf()).param("reason", " "))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(PAGE))
                .andExpect(flash().attribute("error", "A refusal needs its reason (up to 1,000 characters)."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_refusal_whose_reason_is_longer_than_1000_characters_goes_back_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(dpm()).with(csrf()).param("reason", "x".repeat(1001)))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", "A refusal needs its reason (up to 1,000 characters)."));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_refusal_posted_without_a_reason_field_gives_the_error_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(dpm()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_auditor_may_not_refuse_a_request() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(auditor()).with(csrf()).param("reason", "Manifestly unfounded."))
                .andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    @Test
    void without_a_session_the_actions_send_to_the_sign_in_page_and_nothing_is_sent() throws Exception {
        mvc.perform(post(PAGE + "/refusal").with(csrf()).param("reason", "Manifestly unfounded."))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        mvc.perform(post(PAGE + "/verification").with(csrf()).param("method", "IN_PERSON"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(commands);
    }
}
