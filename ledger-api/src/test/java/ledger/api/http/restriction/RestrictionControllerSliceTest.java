package ledger.api.http.restriction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.WebSlice;
import ledger.core.member.LiftRestriction;
import ledger.core.member.MemberId;
import ledger.core.member.RecordObjection;
import ledger.core.member.RestrictProcessing;
import ledger.core.member.RestrictionGround;

/** The DPM restricts a member's processing (Art. 18), lifts it, and records objections (Art. 21). */
@WebSlice(RestrictionController.class)
@MockitoBean(types = CommandGateway.class)
class RestrictionControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID MEMBER = UUID.fromString("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    private static final String RESTRICTION = "/api/v1/members/" + MEMBER + "/restriction";
    private static final String OBJECTIONS = "/api/v1/members/" + MEMBER + "/objections";

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    // --- POST /members/{id}/restriction

    @Test
    void the_dpm_restricts_processing_and_the_answer_names_the_ground_that_stands() throws Exception {
        when(commands.sendAndWait(any(RestrictProcessing.class))).thenReturn(RestrictionGround.ACCURACY_CONTESTED);

        mvc.perform(post(RESTRICTION).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ground\":\"LEGAL_CLAIMS\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.ground").value("ACCURACY_CONTESTED"))
                .andExpect(jsonPath("$.processingRestricted").value(true));

        ArgumentCaptor<RestrictProcessing> command = ArgumentCaptor.forClass(RestrictProcessing.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(command.getValue().ground()).isEqualTo(RestrictionGround.LEGAL_CLAIMS);
        assertThat(command.getValue().requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void a_restriction_without_a_ground_or_with_an_unknown_one_is_refused_naming_the_field() throws Exception {
        mvc.perform(post(RESTRICTION).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").exists());
        mvc.perform(post(RESTRICTION).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ground\":\"BECAUSE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").value(
                        "must be one of: ACCURACY_CONTESTED, UNLAWFUL_PROCESSING, LEGAL_CLAIMS, OBJECTION_PENDING"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_restriction_of_a_member_id_that_is_no_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(post("/api/v1/members/ada/restriction").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"LEGAL_CLAIMS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").value("must be a UUID"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_portal_may_not_restrict_processing_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post(RESTRICTION).header("Authorization", PORTAL).contentType(MediaType.APPLICATION_JSON)
                        .content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- DELETE /members/{id}/restriction

    @Test
    void the_dpm_lifts_the_restriction_and_gets_204() throws Exception {
        mvc.perform(delete(RESTRICTION).header("Authorization", DPM))
                .andExpect(status().isNoContent());

        ArgumentCaptor<LiftRestriction> command = ArgumentCaptor.forClass(LiftRestriction.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(command.getValue().requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void lifting_the_restriction_of_a_member_the_ledger_does_not_know_answers_404() throws Exception {
        when(commands.sendAndWait(any(LiftRestriction.class)))
                .thenThrow(new AggregateNotFoundException(MEMBER.toString(), "no such member"));

        mvc.perform(delete(RESTRICTION).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:not-found"));
    }

    @Test
    void lifting_for_a_member_id_that_is_no_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(delete("/api/v1/members/42/restriction").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_not_lift_a_restriction() throws Exception {
        mvc.perform(delete(RESTRICTION).header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /members/{id}/objections

    @Test
    void the_dpm_records_an_objection_and_learns_which_consents_it_withdrew() throws Exception {
        when(commands.sendAndWait(any(RecordObjection.class))).thenReturn(List.of("newsletter"));

        mvc.perform(post(OBJECTIONS).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.purpose").value("newsletter"))
                .andExpect(jsonPath("$.withdrawn[0]").value("newsletter"));

        ArgumentCaptor<RecordObjection> command = ArgumentCaptor.forClass(RecordObjection.class);
        verify(commands).sendAndWait(command.capture());
        assertThat(command.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(command.getValue().purpose()).isEqualTo("newsletter");
        assertThat(command.getValue().requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void an_objection_without_a_purpose_or_to_a_purpose_with_a_space_is_refused_naming_the_field()
            throws Exception {
        mvc.perform(post(OBJECTIONS).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.purpose").exists());
        mvc.perform(post(OBJECTIONS).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"news letter\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.purpose").exists());
        mvc.perform(post(OBJECTIONS).header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"" + "p".repeat(65) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.purpose", Matchers.notNullValue()));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_admin_may_not_record_an_objection() throws Exception {
        mvc.perform(post(OBJECTIONS).header("Authorization", ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- no token

    @Test
    void without_a_token_restriction_lifting_and_objection_answer_401() throws Exception {
        mvc.perform(post(RESTRICTION).contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"LEGAL_CLAIMS\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete(RESTRICTION)).andExpect(status().isUnauthorized());
        mvc.perform(post(OBJECTIONS).contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"newsletter\"}"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).sendAndWait(any());
    }
}
