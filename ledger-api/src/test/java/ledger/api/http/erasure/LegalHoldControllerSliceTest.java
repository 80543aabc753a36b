package ledger.api.http.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.http.WebSlice;
import ledger.core.member.LegalHoldGround;
import ledger.core.member.MemberRefusals.UnknownLegalHold;
import ledger.core.shared.Actor;

@WebSlice(LegalHoldController.class)
@MockitoBean(types = MemberErasures.class)
class LegalHoldControllerSliceTest {

    private static final String DPM = "Bearer dev-dpm-token";
    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";

    private static final String HOLD = """
            {"ground":"LEGAL_CLAIMS","reason":"pending litigation 2024-17","reviewBy":"2025-06-30"}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    MemberErasures erasures;

    @Test
    void the_dpm_places_a_hold_and_gets_201_with_its_location_and_review_date() throws Exception {
        UUID member = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        LocalDate reviewBy = LocalDate.parse("2025-06-30");
        when(erasures.placeHold(eq(member), eq(LegalHoldGround.LEGAL_CLAIMS), eq("pending litigation 2024-17"),
                eq(reviewBy), any())).thenReturn(new MemberErasures.Placed(hold, reviewBy));
        mvc.perform(post("/api/v1/members/" + member + "/legal-holds").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content(HOLD))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/members/" + member + "/legal-holds/" + hold))
                .andExpect(jsonPath("$.holdId").value(hold.toString()))
                .andExpect(jsonPath("$.reviewBy").value("2025-06-30"));
        ArgumentCaptor<Actor> caller = ArgumentCaptor.forClass(Actor.class);
        verify(erasures).placeHold(eq(member), eq(LegalHoldGround.LEGAL_CLAIMS), eq("pending litigation 2024-17"),
                eq(reviewBy), caller.capture());
        assertThat(caller.getValue().principal()).isEqualTo("static:DPM#1");
        assertThat(caller.getValue().role()).isEqualTo("DPM");
    }

    @Test
    void a_hold_without_a_review_date_leaves_the_default_to_the_application() throws Exception {
        UUID member = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        when(erasures.placeHold(eq(member), eq(LegalHoldGround.SECURITY), eq("incident 7"), isNull(), any()))
                .thenReturn(new MemberErasures.Placed(hold, LocalDate.parse("2026-01-01")));
        mvc.perform(post("/api/v1/members/" + member + "/legal-holds").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ground\":\"SECURITY\",\"reason\":\"incident 7\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.holdId").value(hold.toString()))
                .andExpect(jsonPath("$.reviewBy").value("2026-01-01"));
        verify(erasures).placeHold(eq(member), eq(LegalHoldGround.SECURITY), eq("incident 7"), isNull(), any());
    }

    @Test
    void a_hold_without_a_reason_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"ground\":\"LEGAL_CLAIMS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.reason").exists());
        verifyNoInteractions(erasures);
    }

    @Test
    void a_hold_without_a_ground_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"pending litigation\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").exists());
        verifyNoInteractions(erasures);
    }

    @Test
    void a_hold_on_an_unknown_ground_is_refused_listing_the_grounds() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds").header("Authorization", DPM)
                        .contentType(MediaType.APPLICATION_JSON).content(HOLD.replace("LEGAL_CLAIMS", "HUNCH")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.ground").value("must be one of: LEGAL_OBLIGATION, LEGAL_CLAIMS, "
                        + "PUBLIC_INTEREST, ARCHIVING, SECURITY"));
        verifyNoInteractions(erasures);
    }

    @Test
    void a_review_date_after_the_year_9999_is_refused_with_the_rule_it_breaks() throws Exception {
        // the error is keyed by the validation property (reviewByBounded), not the request field reviewBy
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds")
                        .header("Authorization", DPM).contentType(MediaType.APPLICATION_JSON)
                        .content(HOLD.replace("2025-06-30", "+10000-01-01")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.*").value(
                        org.hamcrest.Matchers.hasItem("reviewBy must lie before the year 10000")));
        verifyNoInteractions(erasures);
    }

    @Test
    void the_portal_may_not_place_a_hold_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(erasures);
    }

    @Test
    void without_a_token_placing_a_hold_answers_401() throws Exception {
        mvc.perform(post("/api/v1/members/" + UUID.randomUUID() + "/legal-holds")
                        .contentType(MediaType.APPLICATION_JSON).content(HOLD))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(erasures);
    }

    @Test
    void the_dpm_releases_a_hold_and_gets_204() throws Exception {
        UUID member = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        mvc.perform(delete("/api/v1/members/" + member + "/legal-holds/" + hold).header("Authorization", DPM))
                .andExpect(status().isNoContent());
        ArgumentCaptor<Actor> caller = ArgumentCaptor.forClass(Actor.class);
        verify(erasures).releaseHold(eq(member), eq(hold), caller.capture());
        assertThat(caller.getValue().principal()).isEqualTo("static:DPM#1");
    }

    @Test
    void releasing_an_unknown_hold_answers_404() throws Exception {
        UUID member = UUID.randomUUID();
        UUID hold = UUID.randomUUID();
        doThrow(new UnknownLegalHold()).when(erasures).releaseHold(eq(member), eq(hold), any());
        mvc.perform(delete("/api/v1/members/" + member + "/legal-holds/" + hold).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-legal-hold"));
    }

    @Test
    void a_hold_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(delete("/api/v1/members/" + UUID.randomUUID() + "/legal-holds/first").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.holdId").value("must be a UUID"));
        verifyNoInteractions(erasures);
    }

    @Test
    void an_auditor_may_not_release_a_hold() throws Exception {
        mvc.perform(delete("/api/v1/members/" + UUID.randomUUID() + "/legal-holds/" + UUID.randomUUID())
                        .header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(erasures);
    }

    @Test
    void without_a_token_releasing_a_hold_answers_401() throws Exception {
        mvc.perform(delete("/api/v1/members/" + UUID.randomUUID() + "/legal-holds/" + UUID.randomUUID()))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(erasures);
    }
}
