package ledger.api.http.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.http.WebSlice;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.EraseContactCase;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberRefusals.ErasureDeferredByLegalHold;
import ledger.core.shared.Actor;

@WebSlice(ErasureController.class)
@MockitoBean(types = {CommandGateway.class, MemberErasures.class})
class ErasureControllerSliceTest {

    private static final String DPM = "Bearer dev-dpm-token";
    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final Instant ERASED_AT = Instant.parse("2024-03-01T10:15:30Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    MemberErasures erasures;

    @Test
    void the_dpm_erases_a_member_on_a_ground_and_gets_the_receipt() throws Exception {
        UUID id = UUID.randomUUID();
        when(erasures.erase(eq(id), eq(ErasureGround.CONSENT_WITHDRAWN), any())).thenReturn(
                new MemberErasures.Receipt(id, ErasureGround.CONSENT_WITHDRAWN, ERASED_AT, true, true,
                        new MemberErasures.ErasureEvidence("e-9", 12, "bGVhZg==", 13, "note", List.of("cA=="))));
        mvc.perform(post("/api/v1/members/" + id + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ground\":\"CONSENT_WITHDRAWN\",\"reason\":\"ticket 42\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(id.toString()))
                .andExpect(jsonPath("$.ground").value("CONSENT_WITHDRAWN"))
                .andExpect(jsonPath("$.erasedAt").value("2024-03-01T10:15:30Z"))
                .andExpect(jsonPath("$.keyShredded").value(true))
                .andExpect(jsonPath("$.projectionsPurged").value(true))
                .andExpect(jsonPath("$.evidence.leafIndex").value(12))
                .andExpect(jsonPath("$.evidence.treeSize").value(13));
        ArgumentCaptor<Actor> caller = ArgumentCaptor.forClass(Actor.class);
        verify(erasures).erase(eq(id), eq(ErasureGround.CONSENT_WITHDRAWN), caller.capture());
        assertThat(caller.getValue().principal()).isEqualTo("static:DPM#1");
        assertThat(caller.getValue().role()).isEqualTo("DPM");
    }

    @Test
    void an_erasure_deferred_by_a_legal_hold_answers_409_naming_the_holds() throws Exception {
        UUID id = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        when(erasures.erase(eq(id), any(), any())).thenThrow(new ErasureDeferredByLegalHold(List.of(hold)));
        mvc.perform(post("/api/v1/members/" + id + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"MEMBER_REQUEST\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:legal-hold"))
                .andExpect(jsonPath("$.erasureDeferred").value(true))
                .andExpect(jsonPath("$.holds[0]").value(hold.toString()));
    }

    @Test
    void a_member_erasure_without_a_ground_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"asked by phone\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").exists());
        verifyNoInteractions(erasures);
    }

    @Test
    void a_member_erasure_on_an_unknown_ground_is_refused_listing_the_grounds() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"BECAUSE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").value(org.hamcrest.Matchers.startsWith("must be one of: ")));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_reason_longer_than_500_characters_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ground\":\"MEMBER_REQUEST\",\"reason\":\"" + "r".repeat(501) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.reason").exists());
        verifyNoInteractions(erasures);
    }

    @Test
    void a_member_erasure_for_a_member_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(post("/api/v1/members/ada/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"MEMBER_REQUEST\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").value("must be a UUID"));
        verifyNoInteractions(erasures);
    }

    @Test
    void the_portal_may_not_erase_a_member_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/erasure").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(erasures);
    }

    @Test
    void without_a_token_a_member_erasure_answers_401() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/erasure")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"MEMBER_REQUEST\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_contact_case_erasure_without_a_body_is_sent_on_the_ground_of_the_persons_request() throws Exception {
        UUID id = UUID.randomUUID();
        when(commands.sendAndWait(any(EraseContactCase.class))).thenReturn(ERASED_AT);
        mvc.perform(post("/api/v1/contact-cases/" + id + "/erasure").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.caseId").value(id.toString()))
                .andExpect(jsonPath("$.ground").value("MEMBER_REQUEST"))
                .andExpect(jsonPath("$.erasedAt").value("2024-03-01T10:15:30Z"))
                .andExpect(jsonPath("$.keyShredded").value(true));
        ArgumentCaptor<EraseContactCase> sent = ArgumentCaptor.forClass(EraseContactCase.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().caseId()).isEqualTo(ContactCaseId.of(id));
        assertThat(sent.getValue().ground()).isEqualTo(ErasureGround.MEMBER_REQUEST);
        assertThat(sent.getValue().requestedBy().principal()).isEqualTo("static:DPM#1");
        assertThat(sent.getValue().requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void a_contact_case_erasure_with_a_ground_sends_that_ground() throws Exception {
        UUID id = UUID.randomUUID();
        when(commands.sendAndWait(any(EraseContactCase.class))).thenReturn(ERASED_AT);
        mvc.perform(post("/api/v1/contact-cases/" + id + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"RETENTION_EXPIRED\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ground").value("RETENTION_EXPIRED"));
        ArgumentCaptor<EraseContactCase> sent = ArgumentCaptor.forClass(EraseContactCase.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().ground()).isEqualTo(ErasureGround.RETENTION_EXPIRED);
    }

    @Test
    void a_contact_case_erasure_on_an_unknown_ground_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/erasure").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"WHIM\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_contact_case_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/42/erasure").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.caseId").value("must be a UUID"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_admin_may_not_erase_a_contact_case() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/erasure").header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_a_contact_case_erasure_answers_401() throws Exception {
        mvc.perform(post("/api/v1/contact-cases/" + UUID.randomUUID() + "/erasure"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).sendAndWait(any());
    }
}
