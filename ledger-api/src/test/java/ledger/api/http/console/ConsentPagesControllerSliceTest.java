package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import ledger.api.http.support.Cursor;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindConsentEvents;
import ledger.projections.consent.ConsentHistoryProjection.ConsentEvents;
import ledger.projections.consent.ConsentHistoryRow;

@ConsoleSlice(ConsentPagesController.class)
@MockitoBean(types = {QueryGateway.class, PageLimit.class, Clock.class})
class ConsentPagesControllerSliceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    private static final int BATCH = 500;
    private static final UUID ADA = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID BOB = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    PageLimit pageLimit;

    @Autowired
    Clock clock;

    /** What the consent history holds, in id order; the stub answers the query's page of it. */
    private List<ConsentHistoryRow> history = List.of(
            row(1, ADA, "GIVEN", "newsletter", "2026-01-05T10:00:00Z"),
            row(2, BOB, "GIVEN", "newsletter", "2026-01-20T10:00:00Z"),
            row(3, ADA, "WITHDRAWN", "newsletter", "2026-02-02T10:00:00Z"));

    @BeforeEach
    void stubs() {
        when(clock.instant()).thenReturn(NOW);
        when(pageLimit.maxLimit()).thenReturn(BATCH);
        when(queries.query(any(FindConsentEvents.class), any(ResponseType.class))).thenAnswer(call -> {
            FindConsentEvents query = call.getArgument(0);
            return CompletableFuture.completedFuture(new ConsentEvents(history.stream()
                    .filter(r -> r.id() > query.after()).limit(query.limit()).toList()));
        });
    }

    @Test
    void the_auditor_filters_by_purpose_range_member_and_type_and_sees_the_rows_and_the_chart() throws Exception {
        MvcResult result = mvc.perform(get("/console/consents").with(auditor()).param("purpose", "newsletter")
                        .param("from", "2026-01-01").param("to", "2026-02-28").param("member", ADA.toString())
                        .param("type", "GIVEN"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/consents"))
                .andExpect(model().attribute("rows", List.of(history.get(0))))
                .andExpect(model().attribute("next", (Object) null))
                .andExpect(model().attribute("search", new ConsentPagesController.Search("newsletter", "2026-01-01",
                        "2026-02-28", ADA.toString(), "GIVEN")))
                .andExpect(model().attribute("charts", hasSize(1)))
                .andExpect(content().string(containsString("<tr class=\"consent-row\">")))
                .andExpect(content().string(containsString("<caption>newsletter per month</caption>")))
                .andExpect(content().string(containsString("<td>2026-01</td><td>1</td><td>0</td>")))
                .andExpect(content().string(containsString("<td>2026-02</td><td>0</td><td>0</td>")))
                .andExpect(content().string(containsString("/console/consents/export?purpose=newsletter&amp;from=2026-01-01")))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).containsOnlyOnce("class=\"consent-row\"");
        // the query filters purpose and range (the last day included); member and type are filtered while paging
        assertThat(sentQueries()).isNotEmpty().allSatisfy(q -> assertThat(q).isEqualTo(new FindConsentEvents(
                "newsletter", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 0, BATCH)));
    }

    @Test
    void without_a_range_the_chart_covers_the_last_twelve_months() throws Exception {
        mvc.perform(get("/console/consents").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("rows", history))
                .andExpect(content().string(containsString("<td>2025-04</td><td>0</td><td>0</td>")))
                .andExpect(content().string(containsString("<td>2026-01</td><td>2</td><td>0</td>")))
                .andExpect(content().string(containsString("<td>2026-02</td><td>0</td><td>1</td>")));
        assertThat(sentQueries()).contains(new FindConsentEvents(null, null, null, 0, BATCH),
                new FindConsentEvents(null, Instant.parse("2025-04-01T00:00:00Z"), NOW, 0, BATCH));
    }

    @Test
    void a_full_page_links_the_next_one_and_the_cursor_continues_after_its_last_row() throws Exception {
        List<ConsentHistoryRow> many = new ArrayList<>();
        LongStream.rangeClosed(1, 60).forEach(id -> many.add(row(id, ADA, "GIVEN", "newsletter", "2026-01-05T10:00:00Z")));
        history = many;
        mvc.perform(get("/console/consents").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("rows", many.subList(0, 50)))
                .andExpect(model().attribute("next", Cursor.after(50)))
                .andExpect(content().string(containsString("id=\"next-page\"")));
        mvc.perform(get("/console/consents").with(auditor()).param("cursor", Cursor.after(50)))
                .andExpect(status().isOk())
                .andExpect(model().attribute("rows", many.subList(50, 60)))
                .andExpect(model().attribute("next", (Object) null));
        assertThat(sentQueries()).contains(new FindConsentEvents(null, null, null, 50, BATCH));
    }

    @Test
    void a_member_that_is_not_a_member_id_is_refused_on_the_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/consents").with(auditor()).param("member", "ada@example.org"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/consents"))
                .andExpect(model().attribute("error", "The member must be a member id."))
                .andExpect(model().attribute("rows", List.of()))
                .andExpect(content().string(containsString("The member must be a member id.")));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_type_other_than_given_or_withdrawn_is_refused_on_the_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/consents").with(auditor()).param("type", "EXPIRED"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "The type must be GIVEN or WITHDRAWN."));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_date_that_is_not_a_date_is_refused_on_the_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/consents").with(auditor()).param("to", "2026-02-30"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "The date 'to' must be a date (YYYY-MM-DD)."));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_cursor_not_made_by_the_page_gives_the_error_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/consents").with(auditor()).param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "invalid-parameter"));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void the_export_is_a_csv_of_every_matching_row_in_the_apis_columns() throws Exception {
        byte[] csv = mvc.perform(get("/console/consents/export").with(auditor()).param("purpose", "newsletter")
                        .param("type", "WITHDRAWN"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"consents.csv\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo(
                "member_id,seq,type,purpose,policy_version,channel,at,actor_principal,actor_role,notice_sha256,acting_user\r\n"
                        + ADA + ",3,WITHDRAWN,newsletter,2019-01-05,portal,2026-02-02T10:00:00Z,static:PORTAL#1,PORTAL,,"
                        + "member:" + ADA + "\r\n");
        assertThat(sentQueries()).containsExactly(new FindConsentEvents("newsletter", null, null, 0, BATCH));
    }

    @Test
    void an_export_with_a_member_that_is_not_a_member_id_is_refused_with_400_serves_no_csv_and_queries_nothing()
            throws Exception {
        // it answered 500 ("something went wrong", logged as an error) before the export caught the filter's refusal
        mvc.perform(get("/console/consents/export").with(auditor()).param("member", "not-an-id"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The member must be a member id.")))
                .andExpect(header().doesNotExist("Content-Disposition"));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void the_dpm_may_not_see_the_consent_history_nor_export_it() throws Exception {
        mvc.perform(get("/console/consents").with(dpm()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/consents/export").with(dpm()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries);
    }

    @Test
    void without_a_session_the_consent_history_and_its_export_send_to_the_sign_in_page() throws Exception {
        mvc.perform(get("/console/consents"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        mvc.perform(get("/console/consents/export"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(queries);
    }

    private List<FindConsentEvents> sentQueries() {
        ArgumentCaptor<FindConsentEvents> sent = ArgumentCaptor.forClass(FindConsentEvents.class);
        verify(queries, atLeastOnce()).query(sent.capture(), any(ResponseType.class));
        return sent.getAllValues();
    }

    private static ConsentHistoryRow row(long id, UUID member, String type, String purpose, String at) {
        return new ConsentHistoryRow(id, member, id, UUID.randomUUID(), type, purpose, "2019-01-05", "portal",
                Instant.parse(at), "static:PORTAL#1", "PORTAL", null, "en", "member:" + member, null);
    }
}
