package ledger.api.http.contactcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.WebSlice;
import ledger.core.contactcase.CloseContactCase;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.ContactCaseIntake;
import ledger.core.contactcase.OpenContactCase;

@WebSlice(ContactCaseController.class)
@MockitoBean(types = CommandGateway.class)
class ContactCaseControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";

    private static final String MESSAGE = """
            {"name":"Ada Lovelace","email":"ada@example.org","message":"Please call me back.\\nThanks"}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Test
    void a_contact_message_from_the_portal_opens_a_case_and_answers_201_with_its_erasure_date() throws Exception {
        Instant due = Instant.parse("2027-03-01T00:00:00Z");
        when(commands.sendAndWait(any(OpenContactCase.class))).thenAnswer(invocation -> {
            OpenContactCase command = invocation.getArgument(0);
            return new ContactCaseIntake.Opened(command.caseId(), due);
        });
        MockHttpServletResponse answer = mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .header("X-Acting-User", "admin:frontdesk-1")
                        .contentType(MediaType.APPLICATION_JSON).content(MESSAGE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.erasureDueAt").value("2027-03-01T00:00:00Z"))
                .andReturn().getResponse();

        ArgumentCaptor<OpenContactCase> sent = ArgumentCaptor.forClass(OpenContactCase.class);
        verify(commands).sendAndWait(sent.capture());
        OpenContactCase command = sent.getValue();
        assertThat(command.name()).isEqualTo("Ada Lovelace");
        assertThat(command.email()).isEqualTo("ada@example.org");
        assertThat(command.message()).isEqualTo("Please call me back.\nThanks");
        assertThat(command.requestedBy().principal()).isEqualTo("static:PORTAL#1");
        assertThat(command.requestedBy().role()).isEqualTo("PORTAL");
        assertThat(command.requestedBy().actingUser()).isEqualTo("admin:frontdesk-1");
        assertThat(answer.getContentAsString()).contains("\"caseId\":\"" + command.caseId().value() + "\"");
        assertThat(answer.getHeader("Location")).isEqualTo("/api/v1/contact-cases/" + command.caseId().value());
    }

    @Test
    void a_message_without_an_email_address_is_refused_naming_the_field() throws Exception {
        String body = MESSAGE.replace("\"email\":\"ada@example.org\",", "");
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.email").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_email_that_is_not_an_address_is_refused_naming_the_field() throws Exception {
        String body = MESSAGE.replace("ada@example.org", "ada-at-example");
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.email").value("must be an email address"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_name_with_a_control_character_is_refused_naming_the_field() throws Exception {
        String body = MESSAGE.replace("Ada Lovelace", "Ada\\u0007Lovelace");
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.name").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_message_longer_than_10000_characters_is_refused_naming_the_field() throws Exception {
        String body = MESSAGE.replace("Please call me back.\\nThanks", "x".repeat(10_001));
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.message").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_body_that_is_not_json_is_refused_as_malformed() throws Exception {
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:malformed-json"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_dpm_may_not_open_a_case_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/contact-cases").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_opening_a_case_answers_401() throws Exception {
        mvc.perform(post("/api/v1/contact-cases").contentType(MediaType.APPLICATION_JSON).content(MESSAGE))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_portal_closes_a_case_with_one_command_and_gets_its_id_back() throws Exception {
        UUID id = UUID.randomUUID();
        mvc.perform(post("/api/v1/contact-cases/" + id + "/closure").header("Authorization", PORTAL))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseId").value(id.toString()));
        ArgumentCaptor<CloseContactCase> sent = ArgumentCaptor.forClass(CloseContactCase.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().caseId()).isEqualTo(ContactCaseId.of(id));
        assertThat(sent.getValue().requestedBy().principal()).isEqualTo("static:PORTAL#1");
        assertThat(sent.getValue().requestedBy().role()).isEqualTo("PORTAL");
    }

    @Test
    void closing_an_unknown_case_answers_404() throws Exception {
        when(commands.sendAndWait(any(CloseContactCase.class)))
                .thenThrow(new AggregateNotFoundException("x", "no such aggregate"));
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/closure").header("Authorization", PORTAL))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:not-found"));
    }

    @Test
    void a_case_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/case-1/closure").header("Authorization", PORTAL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.caseId").value("must be a UUID"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_not_close_a_case() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/closure").header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_closing_a_case_answers_401() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/closure"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).sendAndWait(any());
    }
}
