package ledger.api.http.admin;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.operations.MasterKeyRotation;
import ledger.api.application.operations.ProjectionReplay;
import ledger.api.http.WebSlice;
import ledger.core.shared.Refusal;

@WebSlice(AdminController.class)
@MockitoBean(types = {MasterKeyRotation.class, ProjectionReplay.class})
class AdminControllerSliceTest {

    private static final String ADMIN = "Bearer dev-admin-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String PORTAL = "Bearer dev-portal-token";

    private static final ProjectionReplay.Status MEMBER_VIEW =
            new ProjectionReplay.Status("member-view", "member-view", true, false, 1, 41, 42, 0.97, false);

    /** The refusal the replay raises for a name it does not know, as the domain words it. */
    static final class UnknownReadModel extends Refusal {
        UnknownReadModel() {
            super(Kind.NOT_FOUND, "unknown-read-model", "no read model of that name can be rebuilt");
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ProjectionReplay replay;

    @Autowired
    MasterKeyRotation rotation;

    @Test
    void the_admin_lists_every_read_model_with_its_position() throws Exception {
        when(replay.statuses()).thenReturn(List.of(MEMBER_VIEW,
                new ProjectionReplay.Status("consent-history", "consent-history", true, true, 2, 10, 42, 0.24, false)));
        mvc.perform(get("/api/v1/admin/read-models").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].name").value("member-view"))
                .andExpect(jsonPath("$[0].processor").value("member-view"))
                .andExpect(jsonPath("$[0].running").value(true))
                .andExpect(jsonPath("$[0].replaying").value(false))
                .andExpect(jsonPath("$[0].segments").value(1))
                .andExpect(jsonPath("$[0].position").value(41))
                .andExpect(jsonPath("$[0].head").value(42))
                .andExpect(jsonPath("$[0].progress").value(0.97))
                .andExpect(jsonPath("$[0].caughtUp").value(false))
                .andExpect(jsonPath("$[1].name").value("consent-history"))
                .andExpect(jsonPath("$[1].replaying").value(true));
    }

    @Test
    void the_admin_reads_one_read_model_by_its_name() throws Exception {
        when(replay.status("member-view")).thenReturn(MEMBER_VIEW);
        mvc.perform(get("/api/v1/admin/read-models/member-view").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("member-view"))
                .andExpect(jsonPath("$.position").value(41))
                .andExpect(jsonPath("$.head").value(42));
    }

    @Test
    void an_unknown_read_model_answers_404_with_its_problem_type() throws Exception {
        when(replay.status("no-such-view")).thenThrow(new UnknownReadModel());
        mvc.perform(get("/api/v1/admin/read-models/no-such-view").header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-read-model"));
    }

    @Test
    void a_replay_by_the_admin_answers_202_with_the_status_of_the_named_read_model() throws Exception {
        ProjectionReplay.Status replaying =
                new ProjectionReplay.Status("member-view", "member-view", true, true, 1, 0, 42, 0.0, false);
        when(replay.replay("member-view")).thenReturn(replaying);
        mvc.perform(post("/api/v1/admin/read-models/member-view/replay").header("Authorization", ADMIN))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.name").value("member-view"))
                .andExpect(jsonPath("$.replaying").value(true))
                .andExpect(jsonPath("$.position").value(0));
        verify(replay).replay("member-view");
    }

    @Test
    void a_replay_of_an_unknown_read_model_answers_404() throws Exception {
        when(replay.replay("no-such-view")).thenThrow(new UnknownReadModel());
        mvc.perform(post("/api/v1/admin/read-models/no-such-view/replay").header("Authorization", ADMIN))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-read-model"));
    }

    @Test
    void a_master_key_rotation_by_the_admin_answers_the_key_and_the_counts() throws Exception {
        when(rotation.rotate()).thenReturn(new MasterKeyRotation.Result("mk-2", 120, 0));
        mvc.perform(post("/api/v1/admin/master-key/rotation").header("Authorization", ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.masterKeyId").value("mk-2"))
                .andExpect(jsonPath("$.rewrapped").value(120))
                .andExpect(jsonPath("$.remaining").value(0));
        verify(rotation).rotate();
    }

    @Test
    void the_dpm_may_not_list_read_models() throws Exception {
        mvc.perform(get("/api/v1/admin/read-models").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(replay);
    }

    @Test
    void an_auditor_may_not_read_a_read_model() throws Exception {
        mvc.perform(get("/api/v1/admin/read-models/member-view").header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(replay, never()).status(any());
    }

    @Test
    void the_dpm_may_not_replay_a_read_model_and_nothing_is_replayed() throws Exception {
        mvc.perform(post("/api/v1/admin/read-models/member-view/replay").header("Authorization", DPM))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(replay, never()).replay(any());
    }

    @Test
    void the_portal_may_not_rotate_the_master_key_and_nothing_is_rotated() throws Exception {
        mvc.perform(post("/api/v1/admin/master-key/rotation").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verify(rotation, never()).rotate();
    }

    @Test
    void without_a_token_every_admin_endpoint_answers_401_and_nothing_runs() throws Exception {
        mvc.perform(get("/api/v1/admin/read-models")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/admin/read-models/member-view")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/admin/read-models/member-view/replay")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        mvc.perform(post("/api/v1/admin/master-key/rotation")).andExpect(status().isUnauthorized());
        verifyNoInteractions(replay, rotation);
    }
}
