package ledger.api.http.access;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.reading.ReadAudit;
import ledger.api.http.WebSlice;

@WebSlice(AccessController.class)
@MockitoBean(types = {ReadAudit.class, EventStore.class})
class AccessControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String DPM = "Bearer dev-dpm-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    ReadAudit audit;

    @Autowired
    EventStore events;

    @Test
    void the_dpm_reads_the_recorded_accesses_of_a_known_member() throws Exception {
        UUID id = UUID.randomUUID();
        when(events.lastSequenceNumberFor(id.toString())).thenReturn(Optional.of(3L));
        when(audit.accessesOf(id)).thenReturn(List.of(new ReadAudit.Access("static:PORTAL#1", "PORTAL", "support",
                "GET /api/v1/members/" + id, Instant.parse("2024-03-01T10:15:30Z"))));
        mvc.perform(get("/api/v1/members/" + id + "/accesses").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].accessorPrincipal").value("static:PORTAL#1"))
                .andExpect(jsonPath("$[0].accessorRole").value("PORTAL"))
                .andExpect(jsonPath("$[0].purpose").value("support"))
                .andExpect(jsonPath("$[0].resource").value("GET /api/v1/members/" + id))
                .andExpect(jsonPath("$[0].at").value("2024-03-01T10:15:30Z"));
    }

    @Test
    void the_accesses_of_an_unknown_member_answer_404_without_reading_the_audit() throws Exception {
        UUID id = UUID.randomUUID();
        when(events.lastSequenceNumberFor(id.toString())).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/members/" + id + "/accesses").header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-member"));
        verify(audit, never()).accessesOf(any());
    }

    @Test
    void a_member_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/members/not-a-uuid/accesses").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").value("must be a UUID"));
        verify(audit, never()).accessesOf(any());
    }

    @Test
    void the_portal_may_not_read_the_accesses_and_is_refused_with_403() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID() + "/accesses").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(audit, never()).accessesOf(any());
        verify(events, never()).lastSequenceNumberFor(any());
    }

    @Test
    void without_a_token_the_accesses_answer_401() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID() + "/accesses"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verify(audit, never()).accessesOf(any());
    }
}
