package ledger.api.http.lookup;

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

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.lookup.MemberLookups;
import ledger.api.http.WebSlice;
import ledger.core.shared.Actor;

@WebSlice(LookupController.class)
@MockitoBean(types = MemberLookups.class)
class LookupControllerSliceTest {

    private static final String DPM = "Bearer dev-dpm-token";
    private static final String PORTAL = "Bearer dev-portal-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    MemberLookups lookups;

    @Test
    void the_dpm_finds_members_by_email_under_the_default_purpose() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        when(lookups.byEmail(eq("Ada@Example.org"), any(), eq("member-lookup"))).thenReturn(List.of(first, second));
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"Ada@Example.org\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberIds.length()").value(2))
                .andExpect(jsonPath("$.memberIds[0]").value(first.toString()))
                .andExpect(jsonPath("$.memberIds[1]").value(second.toString()));
        ArgumentCaptor<Actor> caller = ArgumentCaptor.forClass(Actor.class);
        verify(lookups).byEmail(eq("Ada@Example.org"), caller.capture(), eq("member-lookup"));
        assertThat(caller.getValue().principal()).isEqualTo("static:DPM#1");
        assertThat(caller.getValue().role()).isEqualTo("DPM");
        verify(lookups, never()).byUsername(any(), any(), any());
    }

    @Test
    void the_dpm_finds_a_member_by_username_under_the_declared_purpose() throws Exception {
        UUID id = UUID.randomUUID();
        when(lookups.byUsername(eq("ada_lovelace"), any(), eq("dsr-2024-17"))).thenReturn(List.of(id));
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM).header("X-Purpose", "dsr-2024-17")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"ada_lovelace\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberIds[0]").value(id.toString()));
        verify(lookups).byUsername(eq("ada_lovelace"), any(), eq("dsr-2024-17"));
        verify(lookups, never()).byEmail(any(), any(), any());
    }

    @Test
    void no_match_answers_an_empty_list() throws Exception {
        when(lookups.byEmail(eq("nobody@example.org"), any(), any())).thenReturn(List.of());
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"nobody@example.org\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberIds.length()").value(0));
    }

    @Test
    void both_email_and_username_are_refused_and_nothing_is_looked_up() throws Exception {
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"ada@example.org\",\"username\":\"ada_lovelace\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.username").value("give either email or username"));
        verifyNoInteractions(lookups);
    }

    @Test
    void neither_email_nor_username_is_refused_naming_email() throws Exception {
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.email").value("give either email or username"));
        verifyNoInteractions(lookups);
    }

    @Test
    void an_email_longer_than_254_characters_is_refused_naming_the_field() throws Exception {
        String email = "a".repeat(250) + "@example.org";
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + email + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.email").exists());
        verifyNoInteractions(lookups);
    }

    @Test
    void a_malformed_x_purpose_is_refused_and_nothing_is_looked_up() throws Exception {
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", DPM).header("X-Purpose", "Because I Can")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"ada@example.org\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:purpose-required"));
        verifyNoInteractions(lookups);
    }

    @Test
    void the_portal_may_not_look_up_members_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/members/lookup").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(lookups);
    }

    @Test
    void without_a_token_a_lookup_answers_401() throws Exception {
        mvc.perform(post("/api/v1/members/lookup")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"ada@example.org\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(lookups);
    }
}
