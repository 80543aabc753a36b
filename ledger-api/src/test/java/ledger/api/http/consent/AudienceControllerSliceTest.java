package ledger.api.http.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.WebSlice;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindAudience;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.consent.ConsentHistoryProjection.Audience;

/** Who may receive a mailing of a purpose at a moment, one page of member ids. */
@WebSlice(AudienceController.class)
@Import(PageLimit.class)
@MockitoBean(types = {QueryGateway.class, PurposeCatalog.class, Clock.class})
class AudienceControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";

    private static final UUID FIRST = UUID.fromString("00000000-0000-4000-8000-000000000101");
    private static final UUID SECOND = UUID.fromString("00000000-0000-4000-8000-000000000102");
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    PurposeCatalog purposes;

    @Autowired
    Clock clock;

    private void audienceIs(UUID... members) {
        doReturn(CompletableFuture.completedFuture(new Audience(List.of(members))))
                .when(queries).query(any(FindAudience.class), any(ResponseType.class));
    }

    @Test
    void the_portal_pages_the_audience_at_a_moment_and_gets_the_cursor_of_the_next_page() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);
        audienceIs(FIRST, SECOND);
        UUID after = UUID.fromString("00000000-0000-4000-8000-000000000100");

        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", PORTAL)
                        .param("at", "2026-04-01T00:00:00Z").param("cursor", Cursor.afterId(after))
                        .param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.purpose").value("newsletter"))
                .andExpect(jsonPath("$.at").value("2026-04-01T00:00:00Z"))
                .andExpect(jsonPath("$.memberIds[0]").value(FIRST.toString()))
                .andExpect(jsonPath("$.memberIds[1]").value(SECOND.toString()))
                .andExpect(jsonPath("$.nextCursor").value(Cursor.afterId(SECOND)));

        ArgumentCaptor<FindAudience> query = ArgumentCaptor.forClass(FindAudience.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(
                new FindAudience("newsletter", Instant.parse("2026-04-01T00:00:00Z"), after, 2));
        verifyNoInteractions(clock);
    }

    @Test
    void without_a_moment_the_dpm_gets_the_audience_as_the_clock_stands_and_a_short_page_ends_it() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);
        when(clock.instant()).thenReturn(NOW);
        audienceIs(FIRST);

        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value("2026-05-01T12:00:00Z"))
                .andExpect(jsonPath("$.memberIds.length()").value(1))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());

        ArgumentCaptor<FindAudience> query = ArgumentCaptor.forClass(FindAudience.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue().at()).isEqualTo(NOW);
        assertThat(query.getValue().after()).isNull();
        assertThat(query.getValue().limit()).isEqualTo(1000);
    }

    @Test
    void an_unknown_purpose_is_refused_naming_the_field_and_nothing_is_queried() throws Exception {
        when(purposes.knows("telemarketing")).thenReturn(false);

        mvc.perform(get("/api/v1/purposes/telemarketing/audience").header("Authorization", PORTAL))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-purpose"))
                .andExpect(jsonPath("$.errors.purpose").exists());
        verifyNoInteractions(queries);
    }

    @Test
    void a_moment_after_9999_is_refused_naming_the_parameter_and_nothing_is_queried() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);

        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", PORTAL)
                        .param("at", "+10000-01-01T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.at").exists());
        verifyNoInteractions(queries);
    }

    @Test
    void a_limit_that_is_no_number_or_a_forged_cursor_is_refused_naming_the_parameter() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);

        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", PORTAL)
                        .param("limit", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").value("must be a number"));
        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", PORTAL)
                        .param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.cursor").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void an_auditor_may_not_list_the_audience() throws Exception {
        mvc.perform(get("/api/v1/purposes/newsletter/audience").header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, purposes);
    }

    @Test
    void without_a_token_the_audience_answers_401() throws Exception {
        mvc.perform(get("/api/v1/purposes/newsletter/audience"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries, purposes);
    }
}
