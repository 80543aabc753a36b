package ledger.api.http.admin;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.operations.DeadLetters;
import ledger.api.http.WebSlice;
import ledger.api.http.support.PageLimit;

@WebSlice(DeadLettersController.class)
@MockitoBean(types = {DeadLetters.class, PageLimit.class})
class DeadLettersControllerSliceTest {

    private static final String ADMIN = "Bearer dev-admin-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String PORTAL = "Bearer dev-portal-token";

    private static final String GROUP = "member-view";
    private static final String LETTER_ID = "7f1c2a9e-3b1d-4c55-9e42-0d4d5f6a7b8c";
    private static final DeadLetters.Letter LETTER = new DeadLetters.Letter(LETTER_ID, GROUP,
            "4b8e2f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", 0, "e-1", "ledger.core.member.MemberRegistered",
            "4b8e2f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", 0L, Instant.parse("2024-03-01T10:00:00Z"),
            Instant.parse("2024-03-01T10:00:01Z"), Instant.parse("2024-03-01T10:00:02Z"),
            "org.springframework.dao.DataIntegrityViolationException", "SQLState 23505");

    @Autowired
    MockMvc mvc;

    @Autowired
    DeadLetters letters;

    @Autowired
    PageLimit pageLimit;

    @Test
    void the_admin_lists_the_letters_of_a_processing_group_with_the_page_size_asked_for() throws Exception {
        when(letters.isGroup(GROUP)).thenReturn(true);
        when(pageLimit.of(10)).thenReturn(10);
        when(letters.list(GROUP, 10)).thenReturn(List.of(LETTER));
        mvc.perform(get("/api/v1/admin/dead-letters").param("processingGroup", GROUP).param("limit", "10")
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(LETTER_ID))
                .andExpect(jsonPath("$[0].processingGroup").value(GROUP))
                .andExpect(jsonPath("$[0].payloadType").value("ledger.core.member.MemberRegistered"))
                .andExpect(jsonPath("$[0].sequenceIndex").value(0))
                .andExpect(jsonPath("$[0].causeType").value("org.springframework.dao.DataIntegrityViolationException"));
        verify(letters).list(GROUP, 10);
    }

    @Test
    void without_a_processing_group_the_list_covers_every_group_with_the_default_page() throws Exception {
        when(pageLimit.of(null)).thenReturn(50);
        when(letters.list(null, 50)).thenReturn(List.of());
        mvc.perform(get("/api/v1/admin/dead-letters").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        verify(letters).list(null, 50);
    }

    @Test
    void an_unknown_processing_group_is_refused_naming_the_parameter() throws Exception {
        when(letters.isGroup("no-such-group")).thenReturn(false);
        when(letters.groupNames()).thenReturn(List.of(GROUP));
        mvc.perform(get("/api/v1/admin/dead-letters").param("processingGroup", "no-such-group")
                        .header("Authorization", ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.processingGroup").exists());
        verify(letters, never()).list(any(), anyInt());
    }

    @Test
    void a_limit_that_is_not_a_number_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters").param("limit", "ten").header("Authorization", ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").value("must be a number"));
        verifyNoInteractions(letters);
    }

    @Test
    void the_dpm_may_not_list_dead_letters() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(letters);
    }

    @Test
    void the_admin_reads_one_letter() throws Exception {
        when(letters.find(LETTER_ID)).thenReturn(Optional.of(LETTER));
        mvc.perform(get("/api/v1/admin/dead-letters/" + LETTER_ID).header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(LETTER_ID))
                .andExpect(jsonPath("$.eventId").value("e-1"))
                .andExpect(jsonPath("$.sequenceNumber").value(0))
                .andExpect(jsonPath("$.enqueuedAt").value("2024-03-01T10:00:01Z"));
    }

    @Test
    void an_unknown_letter_answers_404() throws Exception {
        when(letters.find("nope")).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/admin/dead-letters/nope").header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:dead-letter-not-found"));
    }

    @Test
    void a_letter_id_longer_than_255_characters_answers_404_without_a_lookup() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters/" + "a".repeat(256)).header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:dead-letter-not-found"));
        verify(letters, never()).find(any());
    }

    @Test
    void an_auditor_may_not_read_a_letter() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters/" + LETTER_ID).header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(letters);
    }

    @Test
    void a_resolved_retry_answers_the_letter_its_group_and_the_letters_left() throws Exception {
        when(letters.find(LETTER_ID)).thenReturn(Optional.of(LETTER));
        when(letters.retry(LETTER)).thenReturn(true);
        when(letters.count(GROUP)).thenReturn(2L);
        mvc.perform(post("/api/v1/admin/dead-letters/" + LETTER_ID + "/retry").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.letterId").value(LETTER_ID))
                .andExpect(jsonPath("$.processingGroup").value(GROUP))
                .andExpect(jsonPath("$.resolved").value(true))
                .andExpect(jsonPath("$.lettersLeft").value(2));
        verify(letters).retry(LETTER);
    }

    @Test
    void a_retry_that_still_fails_answers_409() throws Exception {
        when(letters.find(LETTER_ID)).thenReturn(Optional.of(LETTER));
        when(letters.retry(LETTER)).thenReturn(false);
        mvc.perform(post("/api/v1/admin/dead-letters/" + LETTER_ID + "/retry").header("Authorization", ADMIN))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:dead-letter-still-failing"));
    }

    @Test
    void a_retry_of_an_unknown_letter_answers_404_and_nothing_is_retried() throws Exception {
        when(letters.find("nope")).thenReturn(Optional.empty());
        mvc.perform(post("/api/v1/admin/dead-letters/nope/retry").header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:dead-letter-not-found"));
        verify(letters, never()).retry(any());
    }

    @Test
    void the_dpm_may_not_retry_a_letter_and_nothing_is_retried() throws Exception {
        mvc.perform(post("/api/v1/admin/dead-letters/" + LETTER_ID + "/retry").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(letters);
    }

    @Test
    void the_admin_retries_every_letter_of_a_processing_group() throws Exception {
        when(letters.isGroup(GROUP)).thenReturn(true);
        when(letters.retryAll(GROUP)).thenReturn(new DeadLetters.Retry(GROUP, 3, 2, 1));
        mvc.perform(post("/api/v1/admin/dead-letters/retry").param("processingGroup", GROUP)
                        .header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.processingGroup").value(GROUP))
                .andExpect(jsonPath("$.sequencesTried").value(3))
                .andExpect(jsonPath("$.sequencesResolved").value(2))
                .andExpect(jsonPath("$.lettersLeft").value(1));
        verify(letters).retryAll(GROUP);
    }

    @Test
    void a_group_retry_without_a_processing_group_is_refused_naming_the_parameter() throws Exception {
        when(letters.groupNames()).thenReturn(List.of(GROUP));
        mvc.perform(post("/api/v1/admin/dead-letters/retry").header("Authorization", ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.processingGroup").exists());
        verify(letters, never()).retryAll(any());
    }

    @Test
    void the_portal_may_not_retry_a_processing_group() throws Exception {
        mvc.perform(post("/api/v1/admin/dead-letters/retry").param("processingGroup", GROUP)
                        .header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(letters);
    }

    @Test
    void the_admin_evicts_a_letter_and_gets_204() throws Exception {
        when(letters.find(LETTER_ID)).thenReturn(Optional.of(LETTER));
        when(letters.evict(LETTER)).thenReturn(true);
        mvc.perform(delete("/api/v1/admin/dead-letters/" + LETTER_ID).header("Authorization", ADMIN))
                .andExpect(status().isNoContent());
        verify(letters).evict(LETTER);
    }

    @Test
    void evicting_a_letter_that_is_gone_by_then_answers_404() throws Exception {
        when(letters.find(LETTER_ID)).thenReturn(Optional.of(LETTER));
        when(letters.evict(LETTER)).thenReturn(false);
        mvc.perform(delete("/api/v1/admin/dead-letters/" + LETTER_ID).header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:dead-letter-not-found"));
    }

    @Test
    void the_dpm_may_not_evict_a_letter_and_nothing_is_evicted() throws Exception {
        mvc.perform(delete("/api/v1/admin/dead-letters/" + LETTER_ID).header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(letters, never()).evict(any());
    }

    @Test
    void without_a_token_every_dead_letter_endpoint_answers_401_and_nothing_runs() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        mvc.perform(get("/api/v1/admin/dead-letters/" + LETTER_ID)).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/admin/dead-letters/" + LETTER_ID + "/retry")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/admin/dead-letters/retry").param("processingGroup", GROUP))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete("/api/v1/admin/dead-letters/" + LETTER_ID)).andExpect(status().isUnauthorized());
        verifyNoInteractions(letters);
    }
}
