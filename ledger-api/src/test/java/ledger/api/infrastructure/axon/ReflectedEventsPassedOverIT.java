package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The member-view processor passes over what the commands wrote into the member view and its history
 * before it builds a batch (no transaction, no token update); what they did not write it still takes,
 * exactly once.
 */
class ReflectedEventsPassedOverIT extends IntegrationTest {

    @Autowired
    InlineMemberView inline;
    @Autowired
    ReflectedEventsSkipped.Looks looks;
    @Autowired
    ProjectionReplay replay;
    @Autowired
    ReflectedEventsPassedOver passedOver;

    private boolean configured;

    @BeforeEach
    void inlineOn() {
        configured = inline.enabled();
        inline.enabled(true);
        awaitReadModelsCaughtUp(replay);
    }

    @AfterEach
    void asConfigured() {
        inline.enabled(configured);
    }

    @Test
    void the_processor_passes_over_what_the_command_wrote_without_a_batch() {
        UUID id = api().register(Api.uniqueUsername());
        awaitReadModelsCaughtUp(replay);
        long looksBefore = looks.count();
        long passedOverBefore = passedOver.passedOver();

        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"passed-over\"}").status())
                .isEqualTo(201);
        awaitReadModelsCaughtUp(replay);

        // a look in a batch (a transaction and a token update) is what the processor did before
        assertThat(looks.count() - looksBefore).as("looks of the member-view processor in a batch").isZero();
        assertThat(passedOver.passedOver() - passedOverBefore).as("passed over before a batch").isEqualTo(1);
        assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ? AND type = 'DocumentDownloaded'",
                Long.class, id)).isEqualTo(1);
    }

    @Test
    void what_the_command_did_not_write_the_processor_takes_exactly_once() {
        UUID id = api().register(Api.uniqueUsername());
        awaitReadModelsCaughtUp(replay);
        inline.enabled(false);

        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"by-the-processor\"}").status())
                .isEqualTo(201);
        awaitReadModelsCaughtUp(replay);

        assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ? AND type = 'DocumentDownloaded'",
                Long.class, id)).isEqualTo(1);
    }

    /**
     * A replay rebuilds from nothing: no event of it is reflected, and a look per event before its batches is a
     * statement per event in the coordinator's one thread (a replay of a million events made a million). Before,
     * the replay was told from the processor's segment statuses, which did not tell it.
     */
    @Test
    void a_replay_asks_the_database_nothing_before_its_batches() {
        UUID id = api().register(Api.uniqueUsername());
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"replayed-" + i + "\"}")
                    .status()).isEqualTo(201);
        }
        awaitReadModelsCaughtUp(replay);
        long trail = jdbc.queryForObject("SELECT count(*) FROM member_history WHERE member_id = ?", Long.class, id);
        // only the replay brings the member's trail back
        jdbc.update("DELETE FROM member_history WHERE member_id = ?", id);
        long looksBefore = passedOver.looks();

        replay.replay("member-view");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM member_history WHERE member_id = ?", Long.class, id) == trail
                && !replay.status("member-view").replaying());
        awaitReadModelsCaughtUp(replay);

        assertThat(passedOver.looks() - looksBefore).as("looks before the replay's batches").isZero();
        assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asInt()).isEqualTo(3);
        assertThat(trail).as("the registration's events and three downloads").isGreaterThanOrEqualTo(4);
    }
}
