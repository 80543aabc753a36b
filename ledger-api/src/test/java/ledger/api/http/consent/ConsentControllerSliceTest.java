package ledger.api.http.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.WebSlice;
import ledger.core.member.GiveConsent;
import ledger.core.member.MemberId;
import ledger.core.member.WithdrawConsent;
import ledger.core.notice.NoticeRegistry;
import ledger.core.purpose.WithdrawalChannel;

@WebSlice(ConsentController.class)
@MockitoBean(types = {CommandGateway.class, NoticeRegistry.class})
class ConsentControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final UUID MEMBER = UUID.fromString("3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10");

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Test
    void the_portal_gives_consent_as_one_command_and_gets_201_with_the_consent_s_id() throws Exception {
        UUID consentId = UUID.randomUUID();
        when(commands.sendAndWait(any(GiveConsent.class))).thenReturn(consentId);
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.consentId").value(consentId.toString()));
        ArgumentCaptor<GiveConsent> sent = ArgumentCaptor.forClass(GiveConsent.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().memberId()).isEqualTo(MemberId.of(MEMBER));
        assertThat(sent.getValue().purpose()).isEqualTo("newsletter");
        assertThat(sent.getValue().channel()).as("portal when not given").isEqualTo("portal");
    }

    @Test
    void a_consent_without_a_policy_version_is_refused_naming_the_field_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"newsletter\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.policyVersion").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_neither_give_nor_withdraw_consent_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents/withdrawals").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_dpm_may_give_no_consent_for_the_member() throws Exception {
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"))
                .andExpect(status().isForbidden());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_dpm_records_a_withdrawal_by_letter_on_the_member_s_behalf() throws Exception {
        when(commands.sendAndWait(any(WithdrawConsent.class))).thenReturn(List.of("newsletter"));
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents/withdrawals").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purposes\":[\"newsletter\"],\"channel\":\"letter\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.withdrawn[0]").value("newsletter"));
        ArgumentCaptor<WithdrawConsent> sent = ArgumentCaptor.forClass(WithdrawConsent.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().purposes()).isEqualTo(Set.of("newsletter"));
        assertThat(sent.getValue().all()).isFalse();
        assertThat(sent.getValue().channel()).isEqualTo(WithdrawalChannel.LETTER);
    }

    @Test
    void a_withdrawal_naming_purposes_and_all_at_once_is_refused_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents/withdrawals").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purposes\":[\"newsletter\"],\"all\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_giving_consent_answers_401() throws Exception {
        mvc.perform(post("/api/v1/members/" + MEMBER + "/consents").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}"))
                .andExpect(status().isUnauthorized());
    }
}
