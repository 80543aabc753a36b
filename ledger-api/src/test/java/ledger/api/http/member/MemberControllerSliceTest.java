package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.member.MemberReading;
import ledger.api.http.WebSlice;
import ledger.core.member.MemberId;
import ledger.core.member.RegisterMember;
import ledger.core.notice.NoticeRegistry;

@WebSlice(MemberController.class)
@MockitoBean(types = {CommandGateway.class, MemberReading.class, NoticeRegistry.class, ProfileMergePatch.class})
class MemberControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";

    private static final String REGISTRATION = """
            {"username":"ada_lovelace","givenName":"Ada","familyName":"Lovelace","company":"Analytical Engines",
             "email":"ada@example.org","consents":[{"purpose":"portal-membership","policyVersion":"2019-01-05"}]}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Test
    void a_registration_by_the_portal_is_sent_as_one_command_and_answers_201_with_its_location() throws Exception {
        UUID id = UUID.randomUUID();
        when(commands.sendAndWait(any(RegisterMember.class))).thenReturn(MemberId.of(id));
        mvc.perform(post("/api/v1/members").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/members/" + id))
                .andExpect(jsonPath("$.memberId").value(id.toString()));
    }

    @Test
    void an_auditor_may_not_register_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/members").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_registration_without_a_username_is_refused_naming_the_field() throws Exception {
        String body = REGISTRATION.replace("\"username\":\"ada_lovelace\",", "");
        String answer = mvc.perform(post("/api/v1/members").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("username");
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_a_read_answers_401() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID()).header("X-Purpose", "support"))
                .andExpect(status().isUnauthorized());
    }
}
