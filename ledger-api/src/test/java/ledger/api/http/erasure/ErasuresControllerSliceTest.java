package ledger.api.http.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.WebSlice;
import ledger.api.http.support.PageLimit;
import ledger.core.contactcase.ContactCaseErased;
import ledger.core.member.FindErasures;
import ledger.core.member.MemberErased;
import ledger.projections.erasure.ErasureReceiptProjection.Receipts;
import ledger.projections.erasure.ErasureReceiptRow;

@WebSlice(ErasuresController.class)
@MockitoBean(types = {QueryGateway.class, PageLimit.class, TransparencyLog.class})
class ErasuresControllerSliceTest {

    private static final String DPM = "Bearer dev-dpm-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    PageLimit pageLimit;

    @Autowired
    TransparencyLog log;

    private void answer(ErasureReceiptRow... rows) {
        when(queries.query(any(FindErasures.class), ArgumentMatchers.<ResponseType<Receipts>>any()))
                .thenReturn(CompletableFuture.completedFuture(new Receipts(List.of(rows))));
    }

    @Test
    void the_dpm_lists_erasures_with_where_each_stands_in_the_verifiable_ledger() throws Exception {
        UUID member = UUID.randomUUID();
        UUID contactCase = UUID.randomUUID();
        when(pageLimit.of(null)).thenReturn(50);
        answer(new ErasureReceiptRow(member, "MEMBER", "MEMBER_REQUEST", Instant.parse("2024-03-01T10:00:00Z"),
                        "static:DPM#1", "DPM", false),
                new ErasureReceiptRow(contactCase, "CONTACT_CASE", "RETENTION_EXPIRED",
                        Instant.parse("2024-03-02T00:00:00Z"), "ledger", "SYSTEM", true));
        when(log.locateLast(member.toString(), MemberErased.class))
                .thenReturn(Optional.of(new TransparencyLog.Location("e-7", 41, 64L)));
        when(log.locateLast(contactCase.toString(), ContactCaseErased.class)).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/erasures").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].subjectId").value(member.toString()))
                .andExpect(jsonPath("$[0].subjectType").value("MEMBER"))
                .andExpect(jsonPath("$[0].ground").value("MEMBER_REQUEST"))
                .andExpect(jsonPath("$[0].erasedAt").value("2024-03-01T10:00:00Z"))
                .andExpect(jsonPath("$[0].erasedBy").value("static:DPM#1"))
                .andExpect(jsonPath("$[0].role").value("DPM"))
                .andExpect(jsonPath("$[0].automatic").value(false))
                .andExpect(jsonPath("$[0].keyShredded").value(true))
                .andExpect(jsonPath("$[0].eventId").value("e-7"))
                .andExpect(jsonPath("$[0].leafIndex").value(41))
                .andExpect(jsonPath("$[0].checkpointSize").value(64))
                .andExpect(jsonPath("$[1].subjectType").value("CONTACT_CASE"))
                .andExpect(jsonPath("$[1].automatic").value(true))
                .andExpect(jsonPath("$[1].eventId").isEmpty())
                .andExpect(jsonPath("$[1].leafIndex").isEmpty())
                .andExpect(jsonPath("$[1].checkpointSize").isEmpty());

        ArgumentCaptor<FindErasures> query = ArgumentCaptor.forClass(FindErasures.class);
        verify(queries).query(query.capture(), ArgumentMatchers.<ResponseType<Receipts>>any());
        assertThat(query.getValue()).isEqualTo(new FindErasures(null, null, 50));
    }

    @Test
    void the_range_and_the_limit_are_passed_on_in_the_query() throws Exception {
        when(pageLimit.of(10)).thenReturn(10);
        answer();
        mvc.perform(get("/api/v1/erasures").param("from", "2024-01-01T00:00:00Z").param("to", "2024-02-01T00:00:00Z")
                        .param("limit", "10").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        ArgumentCaptor<FindErasures> query = ArgumentCaptor.forClass(FindErasures.class);
        verify(queries).query(query.capture(), ArgumentMatchers.<ResponseType<Receipts>>any());
        assertThat(query.getValue()).isEqualTo(new FindErasures(Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), 10));
    }

    @Test
    void a_from_that_is_not_an_instant_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/erasures").param("from", "yesterday").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.from").exists());
        verifyNoInteractions(queries);
    }

    @Test
    void a_to_beyond_the_year_9999_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/erasures").param("to", "+10000-01-01T00:00:00Z").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.to").exists());
        verifyNoInteractions(queries);
    }

    @Test
    void a_limit_that_is_not_a_number_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/erasures").param("limit", "all").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").value("must be a number"));
        verifyNoInteractions(queries);
    }

    @Test
    void an_auditor_may_not_list_erasures() throws Exception {
        mvc.perform(get("/api/v1/erasures").header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, log);
    }

    @Test
    void without_a_token_the_erasures_answer_401() throws Exception {
        mvc.perform(get("/api/v1/erasures"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(queries);
    }
}
