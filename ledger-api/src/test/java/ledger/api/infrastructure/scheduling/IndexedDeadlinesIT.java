package ledger.api.infrastructure.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Cancelling a member's deadlines reads that member's deadlines and no one else's. The adversary is the fleet:
 * every other member's scheduled deadlines, here stood for by one that cannot even be read (a deadline row
 * whose data is not a deadline, due in 9999). Axon's own cancel deserializes every scheduled deadline, so the end
 * of a membership failed on it (and took time linear in the fleet's members without it).
 */
class IndexedDeadlinesIT extends IntegrationTest {

    private final String unreadable = "unreadable-" + UUID.randomUUID();

    @Autowired
    private DeadlineScopeBackfill backfill;

    @BeforeEach
    void aDeadlineOfSomeoneElseThatCannotBeRead() {
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)"
                + " VALUES (?, ?, ?, '9999-01-01T00:00:00Z', false, 1)", IndexedDeadlines.AXON_DEADLINES,
                unreadable, new byte[] {0, 1, 2, 3});
    }

    @AfterEach
    void removeIt() {
        jdbc.update("DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?",
                IndexedDeadlines.AXON_DEADLINES, unreadable);
    }

    private int scheduledFor(UUID subject) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8')"
                + " in task_data) > 0", Integer.class, subject.toString());
        return count == null ? 0 : count;
    }

    private final java.util.Set<String> ids = new java.util.HashSet<>();

    /** The ids of the member's scheduled deadlines, also remembered for later. */
    private java.util.List<String> idsOf(UUID subject) {
        java.util.List<String> found = jdbc.queryForList("SELECT task_instance FROM scheduled_tasks WHERE"
                + " position(convert_to(?, 'UTF8') in task_data) > 0", String.class, subject.toString());
        ids.addAll(found);
        return found;
    }

    private int endAndErase(UUID member) {
        int ended = api().post("/api/v1/members/" + member + "/membership-end", "{\"reason\":\"MEMBER_REQUEST\"}")
                .status();
        assertThat(ended).as("the end of the membership").isEqualTo(200);
        assertThat(idsOf(member)).as("the inactivity deadline and its warning cancelled, retention scheduled")
                .hasSize(1);
        return api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status();
    }

    @Test
    void ending_a_membership_and_erasing_the_member_cancel_its_deadlines_without_reading_anyone_elses() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(idsOf(member)).as("the inactivity deadline and its warning").hasSize(2);

        assertThat(endAndErase(member)).as("the erasure").isEqualTo(200);

        assertThat(scheduledFor(member)).as("no deadline of the erased member is left").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class,
                unreadable)).as("someone else's deadline is untouched").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_scope WHERE schedule_id = ANY (?)", Integer.class,
                (Object) ids.toArray(String[]::new))).as("nor an index row of them").isZero();
    }

    @Test
    void deadlines_scheduled_before_the_index_existed_are_found_once_the_start_indexed_them() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(idsOf(member)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline_scope WHERE schedule_id = ANY (?)", Integer.class,
                (Object) ids.toArray(String[]::new))).as("indexed when scheduled").isEqualTo(2);
        // as if scheduled by a version without the index: the member's deadlines are not in it
        int forgotten = jdbc.update("DELETE FROM deadline_scope WHERE schedule_id IN (SELECT task_instance FROM"
                + " scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0)", member.toString());
        assertThat(forgotten).isEqualTo(2);

        assertThat(backfill.indexAll()).as("deadlines offered to the index, the unreadable one left out")
                .isGreaterThanOrEqualTo(2);
        assertThat(endAndErase(member)).as("the erasure").isEqualTo(200);

        assertThat(scheduledFor(member)).as("no deadline of the erased member is left").isZero();
    }
}
