package ledger.api.http.ledger;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.WebSlice;
import ledger.api.http.support.PageLimit;

/** The verifiable ledger: checkpoint, key, leaves, proofs and verification. */
@WebSlice(LedgerController.class)
@Import(PageLimit.class)
@MockitoBean(types = {TransparencyLog.class, LogVerification.class})
class LedgerControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final byte[] HASH_A = "hash-a-32-bytes-long-for-testing".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_B = "hash-b-32-bytes-long-for-testing".getBytes(StandardCharsets.US_ASCII);
    private static final Instant CHECKED = Instant.parse("2026-05-01T03:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    TransparencyLog log;

    @Autowired
    LogVerification verification;

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    // --- checkpoint and key

    @Test
    void an_auditor_reads_the_latest_checkpoint_with_its_cosignatures_as_text() throws Exception {
        when(log.latestCheckpoint()).thenReturn(Optional.of(new TransparencyLog.SignedCheckpoint(12, HASH_A,
                "ledger.example/log\n12\nroot=\n\n— ledger sig\n", "— witness cosig\n")));

        mvc.perform(get("/api/v1/ledger/checkpoint").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string("ledger.example/log\n12\nroot=\n\n— ledger sig\n— witness cosig\n"));
    }

    @Test
    void before_the_first_checkpoint_the_checkpoint_answers_404_no_checkpoint() throws Exception {
        when(log.latestCheckpoint()).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/ledger/checkpoint").header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:no-checkpoint"));
    }

    @Test
    void an_admin_reads_the_note_verifier_key_as_one_line_of_text() throws Exception {
        when(log.verifierKey()).thenReturn("ledger.example/log+0a1b2c3d+AQID");

        mvc.perform(get("/api/v1/ledger/public-key").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string("ledger.example/log+0a1b2c3d+AQID\n"));
    }

    @Test
    void the_portal_may_not_read_the_checkpoint_or_the_key() throws Exception {
        mvc.perform(get("/api/v1/ledger/checkpoint").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(get("/api/v1/ledger/public-key").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(log);
    }

    // --- leaves

    @Test
    void an_auditor_lists_a_range_of_leaves_with_base64_hashes() throws Exception {
        when(log.treeSize()).thenReturn(10L);
        when(log.leaves(2, 4)).thenReturn(List.of(new TransparencyLog.Leaf(2, "event-2", 40, HASH_A),
                new TransparencyLog.Leaf(3, "event-3", 41, HASH_B)));

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR)
                        .param("start", "2").param("end", "4"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].index").value(2))
                .andExpect(jsonPath("$[0].eventId").value("event-2"))
                .andExpect(jsonPath("$[0].globalIndex").value(40))
                .andExpect(jsonPath("$[0].leafHash").value(b64(HASH_A)))
                .andExpect(jsonPath("$[1].leafHash").value(b64(HASH_B)));
        verify(log).leaves(2, 4);
    }

    @Test
    void without_an_end_the_leaves_run_to_the_end_of_the_tree_within_one_page() throws Exception {
        when(log.treeSize()).thenReturn(10L);
        when(log.leaves(8, 10)).thenReturn(List.of());

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", DPM).param("start", "8"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());
        verify(log).leaves(8, 10);
    }

    @Test
    void an_auditor_finds_the_leaf_of_one_event() throws Exception {
        when(log.leaf("event-7")).thenReturn(Optional.of(new TransparencyLog.Leaf(7, "event-7", 70, HASH_A)));

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR).param("eventId", "event-7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].index").value(7))
                .andExpect(jsonPath("$[0].leafHash").value(b64(HASH_A)));
    }

    @Test
    void an_event_without_a_leaf_answers_404_no_leaf() throws Exception {
        when(log.leaf("event-8")).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR).param("eventId", "event-8"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:no-leaf"));
    }

    @Test
    void an_event_id_together_with_a_range_is_refused_naming_the_event_id() throws Exception {
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR)
                        .param("eventId", "event-7").param("start", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.eventId").exists());
        verifyNoInteractions(log);
    }

    @Test
    void an_event_id_with_a_space_is_refused_naming_the_event_id() throws Exception {
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR).param("eventId", "event 7"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.eventId").exists());
        verifyNoInteractions(log);
    }

    @Test
    void leaves_without_a_start_or_with_a_start_past_the_tree_are_refused_naming_the_start() throws Exception {
        when(log.treeSize()).thenReturn(10L);

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.start").exists());
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR).param("start", "11"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.start").exists());
        verify(log, never()).leaves(anyLong(), anyLong());
    }

    @Test
    void an_end_before_the_start_or_a_range_past_the_page_maximum_is_refused_naming_the_end() throws Exception {
        when(log.treeSize()).thenReturn(50_000L);

        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR)
                        .param("start", "5").param("end", "4"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.end").exists());
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR)
                        .param("start", "0").param("end", "10001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.end").value("at most 10000 leaves at once"));
        verify(log, never()).leaves(anyLong(), anyLong());
    }

    @Test
    void a_start_that_is_no_number_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", AUDITOR).param("start", "first"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.start").value("must be a number"));
        verifyNoInteractions(log);
    }

    @Test
    void the_portal_may_not_list_leaves() throws Exception {
        mvc.perform(get("/api/v1/ledger/leaves").header("Authorization", PORTAL).param("start", "0"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(log);
    }

    // --- proofs

    @Test
    void the_dpm_reads_an_inclusion_proof_with_base64_hashes() throws Exception {
        when(log.treeSize()).thenReturn(10L);
        when(log.inclusionProof(3, 8)).thenReturn(List.of(HASH_A, HASH_B));

        mvc.perform(get("/api/v1/ledger/proofs/inclusion").header("Authorization", DPM)
                        .param("index", "3").param("treeSize", "8"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.index").value(3))
                .andExpect(jsonPath("$.treeSize").value(8))
                .andExpect(jsonPath("$.hashes[0]").value(b64(HASH_A)))
                .andExpect(jsonPath("$.hashes[1]").value(b64(HASH_B)));
    }

    @Test
    void an_inclusion_proof_past_the_tree_or_of_an_index_outside_it_is_refused_naming_the_parameter()
            throws Exception {
        when(log.treeSize()).thenReturn(10L);

        mvc.perform(get("/api/v1/ledger/proofs/inclusion").header("Authorization", AUDITOR)
                        .param("index", "3").param("treeSize", "11"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.treeSize").exists());
        mvc.perform(get("/api/v1/ledger/proofs/inclusion").header("Authorization", AUDITOR)
                        .param("index", "8").param("treeSize", "8"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.index").exists());
        verify(log, never()).inclusionProof(anyLong(), anyLong());
    }

    @Test
    void an_admin_reads_a_consistency_proof_with_base64_hashes() throws Exception {
        when(log.treeSize()).thenReturn(10L);
        when(log.consistencyProof(4, 8)).thenReturn(List.of(HASH_B));

        mvc.perform(get("/api/v1/ledger/proofs/consistency").header("Authorization", ADMIN)
                        .param("first", "4").param("second", "8"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.first").value(4))
                .andExpect(jsonPath("$.second").value(8))
                .andExpect(jsonPath("$.hashes[0]").value(b64(HASH_B)));
    }

    @Test
    void a_consistency_proof_from_a_larger_tree_or_to_one_past_the_log_is_refused_naming_the_parameter()
            throws Exception {
        when(log.treeSize()).thenReturn(10L);

        mvc.perform(get("/api/v1/ledger/proofs/consistency").header("Authorization", AUDITOR)
                        .param("first", "9").param("second", "8"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.first").exists());
        mvc.perform(get("/api/v1/ledger/proofs/consistency").header("Authorization", AUDITOR)
                        .param("first", "1").param("second", "11"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.second").exists());
        verify(log, never()).consistencyProof(anyLong(), anyLong());
    }

    @Test
    void the_portal_may_not_read_proofs() throws Exception {
        mvc.perform(get("/api/v1/ledger/proofs/inclusion").header("Authorization", PORTAL)
                        .param("index", "0").param("treeSize", "1"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(get("/api/v1/ledger/proofs/consistency").header("Authorization", PORTAL)
                        .param("first", "0").param("second", "1"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(log);
    }

    // --- verification

    @Test
    void an_auditor_verifies_the_ledger_now_and_reads_the_result() throws Exception {
        when(verification.verifyNow()).thenReturn(
                new LogVerification.Result(LogVerification.Status.OK, 10, CHECKED, null));

        mvc.perform(post("/api/v1/ledger/verification").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OK"))
                .andExpect(jsonPath("$.treeSize").value(10))
                .andExpect(jsonPath("$.checkedAt").value("2026-05-01T03:00:00Z"))
                .andExpect(jsonPath("$.firstBad").doesNotExist())
                .andExpect(jsonPath("$.from").value(0));
        verify(verification).verifyNow();
    }

    @Test
    void an_auditor_verifies_what_is_new_since_the_last_verification_and_reads_where_it_began() throws Exception {
        when(verification.verifySinceLastVerified()).thenReturn(
                new LogVerification.Result(LogVerification.Status.OK, 25, CHECKED, null, 10));

        mvc.perform(post("/api/v1/ledger/verification").param("scope", "new").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OK"))
                .andExpect(jsonPath("$.treeSize").value(25))
                .andExpect(jsonPath("$.from").value(10));
        verify(verification).verifySinceLastVerified();
        verify(verification, never()).verifyNow();
    }

    @Test
    void a_verification_of_an_unknown_scope_is_refused_and_none_runs() throws Exception {
        mvc.perform(post("/api/v1/ledger/verification").param("scope", "recent").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.scope").exists());
        verifyNoInteractions(verification);
    }

    @Test
    void the_dpm_may_not_run_a_verification() throws Exception {
        mvc.perform(post("/api/v1/ledger/verification").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(verification, never()).verifyNow();
    }

    @Test
    void the_dpm_reads_the_latest_verification_with_its_first_finding() throws Exception {
        when(verification.latest()).thenReturn(Optional.of(new LogVerification.Result(LogVerification.Status.FAILED,
                10, CHECKED, new LogVerification.Bad(4L, "event-4", 44L, "leaf hash differs"))));

        mvc.perform(get("/api/v1/ledger/verification").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.firstBad.index").value(4))
                .andExpect(jsonPath("$.firstBad.eventId").value("event-4"))
                .andExpect(jsonPath("$.firstBad.globalIndex").value(44))
                .andExpect(jsonPath("$.firstBad.reason").value("leaf hash differs"));
    }

    @Test
    void before_the_first_verification_the_latest_answers_404_no_verification() throws Exception {
        when(verification.latest()).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/ledger/verification").header("Authorization", AUDITOR))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:no-verification"));
    }

    @Test
    void the_portal_may_not_read_the_latest_verification() throws Exception {
        mvc.perform(get("/api/v1/ledger/verification").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(verification);
    }

    @Test
    void without_a_token_every_ledger_endpoint_answers_401() throws Exception {
        mvc.perform(get("/api/v1/ledger/checkpoint")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ledger/public-key")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ledger/leaves").param("start", "0")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ledger/proofs/inclusion").param("index", "0").param("treeSize", "1"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ledger/proofs/consistency").param("first", "0").param("second", "1"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/ledger/verification")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/ledger/verification")).andExpect(status().isUnauthorized());
        verifyNoInteractions(log, verification);
    }
}
