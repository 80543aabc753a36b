package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.support.Api;
import ledger.api.support.FaultInjection;
import ledger.api.support.IntegrationTest;
import ledger.projections.member.MemberViewProjection;

/**
 * With {@code ledger.read-models.inline} (on by default), the member view and its history are
 * written in the command's transaction: with the member-view
 * processor stopped, a read after a write still finds them. What the command cannot write (an
 * event whose predecessor the read models lack, a handler that fails) is left to the processor,
 * and the command commits all the same.
 */
class InlineMemberViewIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionReplay replay;
    @Autowired
    FaultInjection faults;

    @Autowired
    InlineMemberView inline;

    private StreamingEventProcessor memberView;
    private boolean configured;

    /** Turned on at run time: a second application context would start a second embedded PostgreSQL. */
    @BeforeEach
    void stopTheMemberViewProcessor() {
        configured = inline.enabled();
        inline.enabled(true);
        awaitReadModelsCaughtUp(replay);
        memberView = processing.eventProcessorByProcessingGroup(MemberViewProjection.NAME,
                StreamingEventProcessor.class).orElseThrow();
        memberView.shutDown();
    }

    @AfterEach
    void startItAgain() {
        inline.enabled(configured);
        jdbc.execute("DROP TRIGGER IF EXISTS inline_fault ON member_view_download");
        jdbc.execute("DROP FUNCTION IF EXISTS inline_fault()");
        if (!memberView.isRunning()) {
            memberView.start();
        }
    }

    @Test
    void a_read_after_a_write_finds_the_member_view_and_history_with_their_processor_stopped() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"inline-doc\"}").status())
                .isEqualTo(201);

        Api.Response view = api().get("/api/v1/members/" + id);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("downloads").asInt()).isEqualTo(1);
        Api.Response history = api().as(Api.DPM).get("/api/v1/members/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("MemberRegistered", "DocumentDownloaded");

        // the processor then finds both events claimed: nothing changes
        List<List<Map<String, Object>>> before = rowsOf(id);
        memberView.start();
        awaitReadModelsCaughtUp(replay);
        assertThat(rowsOf(id)).isEqualTo(before);
    }

    @Test
    void the_processor_passes_over_what_the_command_wrote_and_takes_what_it_could_not() {
        UUID written = api().register(Api.uniqueUsername());
        UUID left = api().register(Api.uniqueUsername());
        jdbc.update("DELETE FROM member_history WHERE member_id = ?", left);
        api().post("/api/v1/members/" + written + "/downloads", "{\"documentId\":\"skip-doc\"}");
        api().post("/api/v1/members/" + left + "/downloads", "{\"documentId\":\"skip-doc\"}");
        assertThat(faults.downloadsHandled(written)).as("in the command").isEqualTo(1);
        assertThat(faults.downloadsHandled(left)).as("not in the command").isZero();

        memberView.start();
        awaitReadModelsCaughtUp(replay);
        assertThat(faults.downloadsHandled(written)).as("passed over by the processor").isEqualTo(1);
        assertThat(faults.downloadsHandled(left)).as("taken by the processor").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT downloads FROM member_view WHERE member_id = ?", Long.class, left))
                .isEqualTo(1L);
    }

    @Test
    void an_event_whose_predecessor_the_history_lacks_is_left_to_the_processor_which_takes_both_in_order() {
        UUID id = api().register(Api.uniqueUsername());
        // as if the registration's history entry waited in a dead-letter queue
        jdbc.update("DELETE FROM member_history WHERE member_id = ?", id);

        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"later-doc\"}").status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT downloads FROM member_view WHERE member_id = ?", Integer.class, id))
                .as("not written by the command").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ?", Integer.class, id))
                .isZero();

        memberView.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT downloads FROM member_view WHERE member_id = ?", Integer.class,
                    id)).isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT type FROM member_history WHERE member_id = ? ORDER BY seq",
                    String.class, id)).containsExactly("MemberRegistered", "ConsentGiven", "DocumentDownloaded");
        });
    }

    @Test
    void a_handler_that_fails_in_the_command_leaves_no_write_behind_and_the_command_commits() {
        UUID id = api().register(Api.uniqueUsername());
        long registered = jdbc.queryForObject("SELECT version FROM member_view WHERE member_id = ?", Long.class, id);
        int entries = jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ?", Integer.class, id);
        jdbc.execute("CREATE FUNCTION inline_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.document_id = 'inline-fault' THEN RAISE EXCEPTION 'injected'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER inline_fault BEFORE INSERT ON member_view_download FOR EACH ROW"
                + " EXECUTE FUNCTION inline_fault()");

        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"inline-fault\"}").status())
                .isEqualTo(201);
        assertThat(storedEventTypes(id)).endsWith("DocumentDownloaded");
        // the claim and the count the handler wrote before the failing insert went back with it
        assertThat(jdbc.queryForMap("SELECT version, downloads FROM member_view WHERE member_id = ?", id))
                .containsEntry("version", registered).containsEntry("downloads", 0L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ?", Integer.class, id))
                .isEqualTo(entries);

        jdbc.execute("DROP TRIGGER inline_fault ON member_view_download");
        memberView.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM member_view_download WHERE member_id = ?",
                    Integer.class, id)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ?", Integer.class,
                    id)).isEqualTo(entries + 1);
        });
    }

    private List<List<Map<String, Object>>> rowsOf(UUID id) {
        return List.of(
                jdbc.queryForList("SELECT * FROM member_view WHERE member_id = ?", id),
                jdbc.queryForList("SELECT * FROM member_view_download WHERE member_id = ?", id),
                jdbc.queryForList("SELECT * FROM member_view_profile_value WHERE member_id = ? ORDER BY seq, field", id),
                jdbc.queryForList("SELECT member_id, seq, type, at, details FROM member_history WHERE member_id = ?"
                        + " ORDER BY seq", id));
    }
}
