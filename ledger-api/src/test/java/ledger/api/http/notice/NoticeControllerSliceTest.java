package ledger.api.http.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.WebSlice;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRefusals.NoticeConflict;
import ledger.core.notice.NoticeRegistration;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeTranslation;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.notice.RegisterNotice;
import ledger.core.notice.TranslateNotice;

@WebSlice(NoticeController.class)
@MockitoBean(types = {CommandGateway.class, NoticeRegistry.class})
class NoticeControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final String TEXT = "Privacy Policy\n\nWe keep your membership data while you are a member.\n";
    private static final Instant EFFECTIVE = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant REGISTERED = Instant.parse("2024-02-20T09:00:00Z");

    private static final String REGISTRATION = """
            {"version":"2024-03-01","language":"en","url":"https://example.org/privacy/2024-03-01",
             "text":"Privacy Policy\\n\\nWe keep your membership data while you are a member.\\n",
             "effectiveFrom":"2024-03-01T00:00:00Z",
             "purposes":{"portal-membership":{"description":"Membership of the portal","legalBasis":"consent"}},
             "retention":"Two years after the membership ends",
             "recipients":[{"name":"Hosting Co","role":"processor","purposes":["portal-membership"],
                            "location":"Sweden","insideEuEea":true}]}
            """;

    private static final PrivacyNotice NOTICE = new PrivacyNotice(NoticeVersion.of("2024-03-01"), "en",
            "https://example.org/privacy/2024-03-01", TEXT, PrivacyNotice.sha256Of(TEXT), EFFECTIVE,
            Map.of("portal-membership", new NoticePurpose("Membership of the portal", "consent")),
            "Two years after the membership ends",
            List.of(new NoticeRecipient("Hosting Co", "processor", List.of("portal-membership"), "Sweden", true)),
            REGISTERED);

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandGateway commands;

    @Autowired
    NoticeRegistry notices;

    // --- POST /api/v1/notices

    @Test
    void the_dpm_registers_a_version_with_one_command_and_gets_201_with_the_hash_of_its_text() throws Exception {
        when(commands.sendAndWait(any(RegisterNotice.class))).thenReturn(new NoticeRegistration.Result(NOTICE, true));
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/notices/2024-03-01"))
                .andExpect(jsonPath("$.version").value("2024-03-01"))
                .andExpect(jsonPath("$.sha256").value(PrivacyNotice.sha256Of(TEXT)))
                .andExpect(jsonPath("$.effectiveFrom").value("2024-03-01T00:00:00Z"));

        ArgumentCaptor<RegisterNotice> sent = ArgumentCaptor.forClass(RegisterNotice.class);
        verify(commands).sendAndWait(sent.capture());
        RegisterNotice command = sent.getValue();
        assertThat(command.version()).isEqualTo(NoticeVersion.of("2024-03-01"));
        assertThat(command.language()).isEqualTo("en");
        assertThat(command.url()).isEqualTo("https://example.org/privacy/2024-03-01");
        assertThat(command.text()).isEqualTo(TEXT);
        assertThat(command.effectiveFrom()).isEqualTo(EFFECTIVE);
        assertThat(command.purposes()).containsExactly(
                Map.entry("portal-membership", new NoticePurpose("Membership of the portal", "consent")));
        assertThat(command.retention()).isEqualTo("Two years after the membership ends");
        assertThat(command.recipients()).containsExactly(
                new NoticeRecipient("Hosting Co", "processor", List.of("portal-membership"), "Sweden", true));
        assertThat(command.requestedBy().principal()).isEqualTo("static:DPM#1");
        assertThat(command.requestedBy().role()).isEqualTo("DPM");
    }

    @Test
    void registering_the_same_content_again_answers_200() throws Exception {
        when(commands.sendAndWait(any(RegisterNotice.class))).thenReturn(new NoticeRegistration.Result(NOTICE, false));
        mvc.perform(post("/api/v1/notices").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", "/api/v1/notices/2024-03-01"))
                .andExpect(jsonPath("$.version").value("2024-03-01"));
    }

    @Test
    void other_content_under_a_registered_version_answers_409() throws Exception {
        when(commands.sendAndWait(any(RegisterNotice.class))).thenThrow(new NoticeConflict());
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:notice-conflict"));
    }

    @Test
    void a_registration_whose_url_is_not_http_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content(REGISTRATION.replace("https://example.org/privacy/2024-03-01", "ftp://example.org/p")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.url").value("must be an http(s) URL"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_registration_with_a_malformed_version_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content(REGISTRATION.replace("\"version\":\"2024-03-01\"", "\"version\":\"-v1 final\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.version").value("1-32 letters, digits, '.', '_' or '-'"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_registration_without_purposes_is_refused_naming_the_field() throws Exception {
        String body = REGISTRATION.replace(
                "{\"portal-membership\":{\"description\":\"Membership of the portal\",\"legalBasis\":\"consent\"}}", "{}");
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.purposes").exists());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_registration_taking_effect_after_the_year_9999_is_refused() throws Exception {
        // keyed by the validation property (effectiveFromBounded), not the request field effectiveFrom
        mvc.perform(post("/api/v1/notices").header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content(REGISTRATION.replace("\"2024-03-01T00:00:00Z\"", "\"+10000-01-01T00:00:00Z\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.*").value(hasItem("effectiveFrom must lie in the years 1970 to 9999")));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void the_portal_may_not_register_a_notice_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/notices").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_registering_a_notice_answers_401() throws Exception {
        mvc.perform(post("/api/v1/notices").contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verify(commands, never()).sendAndWait(any());
    }

    // --- POST /api/v1/notices/{version}/translations

    @Test
    void the_admin_adds_a_translation_with_one_command_and_gets_201_with_its_hash() throws Exception {
        String swedish = "Integritetspolicy\n";
        when(commands.sendAndWait(any(TranslateNotice.class))).thenReturn(new NoticeRegistration.Translated(
                new NoticeTranslation(NoticeVersion.of("2024-03-01"), "sv", swedish, PrivacyNotice.sha256Of(swedish),
                        REGISTERED), true));
        mvc.perform(post("/api/v1/notices/2024-03-01/translations").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"sv\",\"text\":\"Integritetspolicy\\n\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/notices/2024-03-01/translations/sv"))
                .andExpect(jsonPath("$.version").value("2024-03-01"))
                .andExpect(jsonPath("$.language").value("sv"))
                .andExpect(jsonPath("$.sha256").value(PrivacyNotice.sha256Of(swedish)));
        ArgumentCaptor<TranslateNotice> sent = ArgumentCaptor.forClass(TranslateNotice.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().version()).isEqualTo(NoticeVersion.of("2024-03-01"));
        assertThat(sent.getValue().language()).isEqualTo("sv");
        assertThat(sent.getValue().text()).isEqualTo(swedish);
        assertThat(sent.getValue().requestedBy().principal()).isEqualTo("static:ADMIN#1");
        assertThat(sent.getValue().requestedBy().role()).isEqualTo("ADMIN");
    }

    @Test
    void the_same_translation_again_answers_200() throws Exception {
        when(commands.sendAndWait(any(TranslateNotice.class))).thenReturn(new NoticeRegistration.Translated(
                new NoticeTranslation(NoticeVersion.of("2024-03-01"), "sv", "Integritetspolicy",
                        PrivacyNotice.sha256Of("Integritetspolicy"), REGISTERED), false));
        mvc.perform(post("/api/v1/notices/2024-03-01/translations").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"sv\",\"text\":\"Integritetspolicy\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.language").value("sv"));
    }

    @Test
    void a_translation_whose_language_is_not_a_bcp47_tag_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/notices/2024-03-01/translations").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"Swedish!\",\"text\":\"Integritetspolicy\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.language").value("must be a BCP 47 language tag, e.g. sv"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_translation_of_a_malformed_version_answers_404_and_nothing_is_sent() throws Exception {
        mvc.perform(post("/api/v1/notices/-v1/translations").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"sv\",\"text\":\"Integritetspolicy\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-notice"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void an_auditor_may_not_add_a_translation() throws Exception {
        mvc.perform(post("/api/v1/notices/2024-03-01/translations").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"sv\",\"text\":\"Integritetspolicy\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void without_a_token_adding_a_translation_answers_401() throws Exception {
        mvc.perform(post("/api/v1/notices/2024-03-01/translations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"sv\",\"text\":\"Integritetspolicy\"}"))
                .andExpect(status().isUnauthorized());
        verify(commands, never()).sendAndWait(any());
    }

    // --- GET /api/v1/notices

    @Test
    void every_role_lists_the_versions_without_their_texts() throws Exception {
        when(notices.all()).thenReturn(List.of(NOTICE));
        for (String token : List.of(PORTAL, AUDITOR, DPM, ADMIN)) {
            mvc.perform(get("/api/v1/notices").header("Authorization", token))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.length()").value(1))
                    .andExpect(jsonPath("$[0].version").value("2024-03-01"))
                    .andExpect(jsonPath("$[0].language").value("en"))
                    .andExpect(jsonPath("$[0].sha256").value(PrivacyNotice.sha256Of(TEXT)))
                    .andExpect(jsonPath("$[0].effectiveFrom").value("2024-03-01T00:00:00Z"))
                    .andExpect(jsonPath("$[0].purposes.portal-membership.legalBasis").value("consent"))
                    .andExpect(jsonPath("$[0].recipients[0].name").value("Hosting Co"))
                    .andExpect(jsonPath("$[0].recipients[0].insideEuEea").value(true))
                    .andExpect(jsonPath("$[0].registeredAt").value("2024-02-20T09:00:00Z"))
                    .andExpect(jsonPath("$[0].text").doesNotExist());
        }
    }

    @Test
    void without_a_token_the_list_answers_401() throws Exception {
        mvc.perform(get("/api/v1/notices"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(notices);
    }

    // --- GET /api/v1/notices/{version}

    @Test
    void a_version_is_read_as_json_with_its_text() throws Exception {
        when(notices.find(NoticeVersion.of("2024-03-01"))).thenReturn(Optional.of(NOTICE));
        mvc.perform(get("/api/v1/notices/2024-03-01").header("Authorization", PORTAL))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.version").value("2024-03-01"))
                .andExpect(jsonPath("$.url").value("https://example.org/privacy/2024-03-01"))
                .andExpect(jsonPath("$.retention").value("Two years after the membership ends"))
                .andExpect(jsonPath("$.text").value(TEXT));
    }

    @Test
    void accept_text_plain_answers_the_text_byte_for_byte_with_its_hash() throws Exception {
        when(notices.find(NoticeVersion.of("2024-03-01"))).thenReturn(Optional.of(NOTICE));
        mvc.perform(get("/api/v1/notices/2024-03-01").header("Authorization", AUDITOR).header("Accept", "text/plain"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andExpect(header().string("X-Notice-SHA256", PrivacyNotice.sha256Of(TEXT)))
                .andExpect(content().bytes(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void an_unregistered_version_answers_404() throws Exception {
        when(notices.find(NoticeVersion.of("1999-01-01"))).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/notices/1999-01-01").header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-notice"));
    }

    @Test
    void a_malformed_version_answers_404_without_a_lookup() throws Exception {
        mvc.perform(get("/api/v1/notices/" + "v".repeat(33)).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-notice"));
        verifyNoInteractions(notices);
    }

    @Test
    void without_a_token_a_version_answers_401() throws Exception {
        mvc.perform(get("/api/v1/notices/2024-03-01"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(notices);
    }
}
