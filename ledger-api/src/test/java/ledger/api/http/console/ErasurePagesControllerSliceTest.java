package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.http.support.PageLimit;
import ledger.core.member.FindErasures;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;
import ledger.projections.erasure.ErasureReceiptRow;

@ConsoleSlice(ErasurePagesController.class)
@MockitoBean(types = {QueryGateway.class, PageLimit.class})
class ErasurePagesControllerSliceTest {

    private static final UUID MEMBER = UUID.fromString("3c9f1e2a-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
    private static final ErasureReceiptRow RECEIPT = new ErasureReceiptRow(MEMBER, "MEMBER", "MEMBER_REQUEST",
            Instant.parse("2026-01-15T10:30:00Z"), "static:DPM#1", "DPM", false);

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    PageLimit pageLimit;

    @BeforeEach
    void stubs() {
        when(pageLimit.maxLimit()).thenReturn(500);
        when(queries.query(any(FindErasures.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new Receipts(List.of(RECEIPT))));
    }

    @Test
    void the_dpm_sees_the_receipts_of_the_days_asked_for_the_last_day_included() throws Exception {
        mvc.perform(get("/console/erasures").param("from", "2026-01-01").param("to", "2026-01-31").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/erasures"))
                .andExpect(model().attribute("receipts", List.of(RECEIPT)))
                .andExpect(model().attribute("from", "2026-01-01"))
                .andExpect(model().attribute("to", "2026-01-31"))
                .andExpect(content().string(containsString("<td class=\"mono\">" + MEMBER + "</td>")))
                .andExpect(content().string(containsString("15 January 2026, 10:30 UTC")))
                .andExpect(content().string(containsString("DPM (static:DPM#1)")))
                .andExpect(content().string(containsString("/console/erasures/export?from=2026-01-01&amp;to=2026-01-31")));
        assertThat(sentQuery()).isEqualTo(new FindErasures(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), 500));
    }

    @Test
    void without_dates_every_receipt_is_asked_for() throws Exception {
        mvc.perform(get("/console/erasures").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("receipts", List.of(RECEIPT)));
        assertThat(sentQuery()).isEqualTo(new FindErasures(null, null, 500));
    }

    @Test
    void a_date_that_is_not_a_date_gives_the_error_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/erasures").param("from", "31.01.2026").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "invalid-date"))
                .andExpect(content().string(containsString("the date &#39;from&#39; must be a date (YYYY-MM-DD)")))
                .andExpect(content().string(containsString("(invalid-date)")));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_year_outside_1970_to_9999_gives_the_error_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/erasures").param("to", "1969-12-31").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "invalid-date"));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void the_export_is_a_csv_attachment_of_the_same_receipts() throws Exception {
        byte[] csv = mvc.perform(get("/console/erasures/export").param("from", "2026-01-01").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"erasure-receipts.csv\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo(
                "subject_id,subject_type,ground,erased_at,erased_by,role,automatic,key_shredded\r\n"
                        + MEMBER + ",MEMBER,MEMBER_REQUEST,2026-01-15T10:30:00Z,static:DPM#1,DPM,false,true\r\n");
        assertThat(sentQuery()).isEqualTo(new FindErasures(Instant.parse("2026-01-01T00:00:00Z"), null, 500));
    }

    @Test
    void an_export_with_a_date_that_is_not_a_date_gives_the_error_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/erasures/export").param("to", "tomorrow").with(dpm()))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/error"))
                .andExpect(model().attribute("code", "invalid-date"));
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void the_auditor_may_not_see_the_erasure_receipts_nor_export_them() throws Exception {
        mvc.perform(get("/console/erasures").with(auditor()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/console/erasures/export").with(auditor()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries);
    }

    @Test
    void without_a_session_the_receipts_and_their_export_send_to_the_sign_in_page() throws Exception {
        mvc.perform(get("/console/erasures"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        mvc.perform(get("/console/erasures/export"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(queries);
    }

    private FindErasures sentQuery() {
        ArgumentCaptor<FindErasures> sent = ArgumentCaptor.forClass(FindErasures.class);
        verify(queries).query(sent.capture(), any(ResponseType.class));
        return sent.getValue();
    }
}
