package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static ledger.api.http.console.ConsoleCallers.portal;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;

@ConsoleSlice(LedgerPagesController.class)
@MockitoBean(types = {TransparencyLog.class, LogVerification.class})
class LedgerPagesControllerSliceTest {

    private static final String EVENT = "0b5e7a52-7c1e-4d0e-9a55-3f2d1c0b9a87";
    private static final byte[] LEAF_HASH = "leaf-hash-32-bytes-long-exactly!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIBLING = "sibling-hash-32-bytes-long-too!!".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    @Autowired
    TransparencyLog log;

    @Autowired
    LogVerification verification;

    private final TransparencyLog.SignedCheckpoint checkpoint = new TransparencyLog.SignedCheckpoint(8, new byte[32],
            "ledger.example/log\n8\nroot-hash-line\n\n— ledger.example signature\n");

    @BeforeEach
    void stubs() {
        when(log.latestCheckpoint()).thenReturn(Optional.of(checkpoint));
        when(log.witnessing(checkpoint)).thenReturn(new TransparencyLog.Witnessing(1, 2, 3));
        when(log.verifierKey()).thenReturn("ledger.example+1a2b3c4d+AbCdEf");
    }

    @Test
    void the_auditor_sees_the_latest_checkpoint_its_witnessing_the_public_key_and_the_last_verification() throws Exception {
        when(verification.latest()).thenReturn(Optional.of(new LogVerification.Result(LogVerification.Status.FAILED, 8,
                Instant.parse("2026-03-10T08:00:00Z"), new LogVerification.Bad(5L, "e-5", 17L, "leaf hash differs"))));
        mvc.perform(get("/console/ledger").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/ledger"))
                .andExpect(model().attribute("checkpoint", checkpoint))
                .andExpect(model().attribute("publicKey", "ledger.example+1a2b3c4d+AbCdEf"))
                .andExpect(model().attributeDoesNotExist("proof", "error"))
                .andExpect(content().string(containsString("<strong id=\"tree-size\">8</strong>")))
                .andExpect(content().string(containsString("<strong>1 of 3</strong>")))
                .andExpect(content().string(containsString("short of quorum")))
                .andExpect(content().string(containsString("<strong>ALTERED</strong>")))
                .andExpect(content().string(containsString("First bad leaf: 5, leaf hash differs")));
        verify(log, never()).leaf(anyString());
    }

    @Test
    void the_dpm_gets_the_inclusion_proof_of_an_event_in_the_latest_checkpoint() throws Exception {
        when(log.leaf(EVENT)).thenReturn(Optional.of(new TransparencyLog.Leaf(3, EVENT, 11, LEAF_HASH)));
        when(log.inclusionProof(3, 8)).thenReturn(List.of(SIBLING));
        String leafHash = Base64.getEncoder().encodeToString(LEAF_HASH);
        String sibling = Base64.getEncoder().encodeToString(SIBLING);
        mvc.perform(get("/console/ledger").param("eventId", " " + EVENT + " ").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/ledger"))
                .andExpect(model().attribute("proof",
                        new LedgerPagesController.Proof(EVENT, 3, leafHash, 8, List.of(sibling))))
                .andExpect(model().attributeDoesNotExist("error"))
                .andExpect(content().string(containsString("<table id=\"proof\">")))
                .andExpect(content().string(containsString(sibling)));
        verify(log).inclusionProof(3, 8);
    }

    @Test
    void an_event_id_that_is_not_visible_ascii_is_refused_on_the_page_and_nothing_is_looked_up() throws Exception {
        mvc.perform(get("/console/ledger").param("eventId", "two words").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "An event id is 1 to 255 visible ASCII characters."))
                .andExpect(model().attributeDoesNotExist("proof"))
                .andExpect(content().string(containsString("An event id is 1 to 255 visible ASCII characters.")));
        verify(log, never()).leaf(anyString());
        verify(log, never()).inclusionProof(anyLong(), anyLong());
    }

    @Test
    void an_event_id_longer_than_255_characters_is_refused_and_nothing_is_looked_up() throws Exception {
        mvc.perform(get("/console/ledger").param("eventId", "e".repeat(256)).with(dpm()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "An event id is 1 to 255 visible ASCII characters."));
        verify(log, never()).leaf(anyString());
    }

    @Test
    void an_unknown_event_id_says_no_leaf_exists_for_it() throws Exception {
        when(log.leaf(EVENT)).thenReturn(Optional.empty());
        mvc.perform(get("/console/ledger").param("eventId", EVENT).with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "No leaf for this event id (unknown, or not sequenced yet)."))
                .andExpect(model().attributeDoesNotExist("proof"));
        verify(log, never()).inclusionProof(anyLong(), anyLong());
    }

    @Test
    void an_event_beyond_the_latest_checkpoint_has_no_proof_yet() throws Exception {
        when(log.leaf(EVENT)).thenReturn(Optional.of(new TransparencyLog.Leaf(8, EVENT, 20, LEAF_HASH)));
        mvc.perform(get("/console/ledger").param("eventId", EVENT).with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("error", "The event is in the log; no signed checkpoint covers it yet."))
                .andExpect(content().string(not(containsString("<table id=\"proof\">"))));
        verify(log, never()).inclusionProof(anyLong(), anyLong());
    }

    @Test
    void without_a_signed_checkpoint_the_page_says_so() throws Exception {
        when(log.latestCheckpoint()).thenReturn(Optional.empty());
        mvc.perform(get("/console/ledger").with(auditor()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("checkpoint", (Object) null))
                .andExpect(content().string(containsString("No checkpoint has been signed yet.")));
    }

    @Test
    void a_session_of_a_role_outside_the_console_may_not_see_the_ledger_page() throws Exception {
        mvc.perform(get("/console/ledger").param("eventId", EVENT).with(portal()))
                .andExpect(status().isForbidden());
        verify(log, never()).latestCheckpoint();
        verifyNoInteractions(verification);
    }

    @Test
    void without_a_session_the_ledger_page_sends_to_the_sign_in_page() throws Exception {
        mvc.perform(get("/console/ledger"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verify(log, never()).latestCheckpoint();
        verifyNoInteractions(verification);
    }
}
