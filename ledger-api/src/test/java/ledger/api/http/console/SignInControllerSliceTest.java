package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static ledger.api.http.console.ConsoleCallers.portal;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ConsoleSlice(SignInController.class)
class SignInControllerSliceTest {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    @Autowired
    MockMvc mvc;

    @Test
    void the_sign_in_page_is_open_without_a_session_and_offers_the_token_form_in_the_default_profile() throws Exception {
        mvc.perform(get("/console/sign-in"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/sign-in"))
                .andExpect(model().attribute("tokenSignIn", true))
                .andExpect(model().attribute("oidc", false))
                .andExpect(model().attribute("refused", false))
                .andExpect(model().attribute("signedOut", false))
                .andExpect(header().string("Content-Security-Policy", CSP))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(content().string(containsString("id=\"token-sign-in\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(not(containsString("id=\"oidc-sign-in\""))))
                .andExpect(content().string(not(containsString("id=\"signed-in-as\""))));
    }

    @Test
    void a_sign_in_refused_for_its_role_says_why() throws Exception {
        mvc.perform(get("/console/sign-in").param("refused", "role"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("refused", true))
                .andExpect(model().attribute("refusedReason", "role"))
                .andExpect(content().string(containsString("id=\"refused-role\"")))
                .andExpect(content().string(not(containsString("id=\"refused-oidc\""))));
    }

    @Test
    void a_refused_token_sign_in_says_the_console_takes_dpm_or_auditor_tokens_only() throws Exception {
        mvc.perform(get("/console/sign-in").param("refused", ""))
                .andExpect(status().isOk())
                .andExpect(model().attribute("refused", true))
                .andExpect(model().attribute("refusedReason", ""))
                .andExpect(content().string(containsString("the console takes a DPM or an auditor token only")));
    }

    @Test
    void after_sign_out_the_page_says_so() throws Exception {
        mvc.perform(get("/console/sign-in").param("signed-out", ""))
                .andExpect(status().isOk())
                .andExpect(model().attribute("signedOut", true))
                .andExpect(content().string(containsString("You are signed out.")));
    }

    @Test
    void the_signed_in_landing_page_needs_no_session_and_moves_on_to_the_console() throws Exception {
        mvc.perform(get("/console/signed-in"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/signed-in"))
                .andExpect(content().string(containsString("<meta http-equiv=\"refresh\" content=\"0; url=/console\"")));
    }

    @Test
    void the_home_address_without_a_session_is_sent_to_the_sign_in_page() throws Exception {
        mvc.perform(get("/console"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
    }

    @Test
    void the_home_address_leads_the_dpm_to_the_dashboard() throws Exception {
        mvc.perform(get("/console").with(dpm()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/dashboard"));
    }

    @Test
    void the_home_address_leads_the_auditor_to_the_consent_history() throws Exception {
        mvc.perform(get("/console").with(auditor()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/consents"));
    }

    @Test
    void a_session_of_another_role_than_dpm_or_auditor_is_refused_the_home_address() throws Exception {
        mvc.perform(get("/console").with(portal()))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_dpm_token_signs_in_through_the_form_as_its_configured_principal() throws Exception {
        mvc.perform(post("/console/sign-in").with(csrf()).param("token", "dev-dpm-token"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console"))
                .andExpect(authenticated().withUsername("static:DPM#1").withRoles("DPM"));
    }

    @Test
    void an_auditor_token_with_the_auditor_role_chosen_signs_in_as_the_auditor() throws Exception {
        mvc.perform(post("/console/sign-in").with(csrf()).param("token", "dev-auditor-token").param("role", "AUDITOR"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console"))
                .andExpect(authenticated().withUsername("static:AUDITOR#1").withRoles("AUDITOR"));
    }

    @Test
    void a_portal_token_does_not_sign_in_to_the_console() throws Exception {
        mvc.perform(post("/console/sign-in").with(csrf()).param("token", "dev-portal-token"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/sign-in?refused"))
                .andExpect(unauthenticated());
    }

    @Test
    void a_token_of_another_role_than_the_one_chosen_does_not_sign_in() throws Exception {
        mvc.perform(post("/console/sign-in").with(csrf()).param("token", "dev-dpm-token").param("role", "AUDITOR"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/sign-in?refused"))
                .andExpect(unauthenticated());
    }

    @Test
    void the_sign_in_form_posted_without_its_csrf_token_is_refused() throws Exception {
        mvc.perform(post("/console/sign-in").param("token", "dev-dpm-token"))
                .andExpect(status().isForbidden())
                .andExpect(unauthenticated());
    }
}
