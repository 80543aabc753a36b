package ledger.api.http.register;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.extract.RetentionInWords;
import ledger.api.http.WebSlice;

/**
 * The record of processing activities (Art. 30) over HTTP. The ledger's properties are the slice's own
 * (bound from application.yml, as the security chain needs them), so the record shows the defaults.
 */
@WebSlice(ProcessingActivitiesController.class)
@MockitoBean(types = {RetentionInWords.class, Clock.class})
class ProcessingActivitiesControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    RetentionInWords retention;

    @Autowired
    Clock clock;

    @BeforeEach
    void retention_in_words_and_now() {
        when(clock.instant()).thenReturn(NOW);
        when(retention.memberData()).thenReturn("member data: 3 months after the membership ends");
        when(retention.contactFormData()).thenReturn("contact data: at most 3 years");
    }

    @Test
    void an_auditor_reads_the_record_as_json_with_the_configured_controller_and_activities() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.schema").value("urn:ledger:processing-activities:v1"))
                .andExpect(jsonPath("$.generatedAt").value("2026-05-01T00:00:00Z"))
                .andExpect(jsonPath("$.controller.name").value("Zesec of Sweden AB"))
                .andExpect(jsonPath("$.dataProtectionManager.email").value("info@zesec.com"))
                .andExpect(jsonPath("$.activities.length()").value(6))
                .andExpect(jsonPath("$.activities[0].name").value("Partner portal membership"))
                .andExpect(jsonPath("$.activities[0].purposes[0].purpose").value("portal-membership"))
                .andExpect(jsonPath("$.activities[0].purposes[0].legalBasis",
                        Matchers.containsString("Art. 6(1)(a)")))
                .andExpect(jsonPath("$.activities[0].recipients[0]")
                        .value("IT service provider (personal data assistant)"))
                .andExpect(jsonPath("$.activities[0].retention")
                        .value("member data: 3 months after the membership ends"))
                .andExpect(jsonPath("$.activities[2].name").value("Contact form"))
                .andExpect(jsonPath("$.activities[2].retention").value("contact data: at most 3 years"))
                .andExpect(jsonPath("$.activities[3].retention", Matchers.containsString("layout cookies one year")))
                .andExpect(jsonPath("$.transfers").isEmpty())
                .andExpect(jsonPath("$.securityMeasures[*]", Matchers.hasItem(Matchers.containsString("AES-256-GCM"))));
    }

    @Test
    void the_dpm_asking_for_html_gets_the_record_as_a_page() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities").header("Authorization", DPM)
                        .header("Accept", "text/html"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.startsWith("<!DOCTYPE html>")))
                .andExpect(content().string(Matchers.containsString("Record of processing activities (GDPR Art. 30)")))
                .andExpect(content().string(Matchers.containsString("Zesec of Sweden AB")))
                .andExpect(content().string(Matchers.containsString("2026-05-01T00:00:00Z")));
    }

    @Test
    void a_media_type_the_record_is_not_given_in_answers_406() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities").header("Authorization", AUDITOR)
                        .header("Accept", "application/xml"))
                .andExpect(status().isNotAcceptable());
        verifyNoInteractions(retention);
    }

    @Test
    void the_portal_may_not_read_the_record() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(retention);
    }

    @Test
    void an_admin_may_not_read_the_record() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities").header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(retention);
    }

    @Test
    void without_a_token_the_record_answers_401() throws Exception {
        mvc.perform(get("/api/v1/register/processing-activities"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(retention);
    }
}
