package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The event store's reader asks the database for new events once per commit it is told of, not three
 * times (a fetch with the events, then two that find nothing, each a transaction with a gap check), and
 * the processors still read every event.
 */
class EventStoreReaderIT extends IntegrationTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventCommits commits;
    @Autowired
    ProjectionReplay replay;

    @Test
    void the_store_reader_asks_the_database_about_once_per_commit_and_the_processors_read_every_event() throws Exception {
        CommitAwareJdbcEventStorageEngine engine = (CommitAwareJdbcEventStorageEngine) storageEngine;
        UUID id = api().register(Api.uniqueUsername());
        awaitReadModelsCaughtUp(replay);
        Thread.sleep(200); // the reader's looks after the registration are over
        long askedBefore = engine.fetchesAsked();
        long countedBefore = commits.count();

        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"reader-" + i + "\"}").status())
                    .isEqualTo(201);
            awaitReadModelsCaughtUp(replay);
        }
        Thread.sleep(200); // and the reader's looks after the last one

        long asked = engine.fetchesAsked() - askedBefore;
        long counted = commits.count() - countedBefore;
        assertThat(counted).as("commits of events counted").isGreaterThanOrEqualTo(5);
        // one look per commit, and at most one more: the reader's timed look (every fetch-delay) may fall in
        assertThat(asked).as("fetches that asked the database, for %d commits", counted).isLessThanOrEqualTo(counted + 1);
        assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asInt()).isEqualTo(5);
    }

    /**
     * Numbers a rolled-back append took are holes in the global index: a fetch over a range with holes finds
     * fewer events than a batch although more follow. Such a fetch is no end of the stream: the tail's reader
     * and a stream catching up (a replay) read on. Before, the reader took any short fetch for the end: a replay
     * over a store whose first number is 1 stopped after 99 events and waited for a new commit.
     */
    @Test
    void a_fetch_over_numbers_that_rolled_back_is_no_end_of_the_stream() {
        CommitAwareJdbcEventStorageEngine engine = (CommitAwareJdbcEventStorageEngine) storageEngine;
        UUID id = api().register(Api.uniqueUsername());
        awaitReadModelsCaughtUp(replay);
        long before = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        // three numbers taken by appends that rolled back
        for (int i = 0; i < 3; i++) {
            jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        }
        for (int i = 0; i < 120; i++) {
            assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"hole-" + i + "\"}").status())
                    .isEqualTo(201);
        }
        awaitReadModelsCaughtUp(replay);
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?", Long.class,
                before);
        assertThat(stored).isGreaterThanOrEqualTo(120);

        GapAwareTrackingToken from = GapAwareTrackingToken.newInstance(before, Set.of());
        // the tail's reader (mayBlock) and a stream catching up; each asked twice: a remembered answer must not cut it
        for (boolean tail : new boolean[] {true, true, false, false}) {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, tail)) {
                assertThat(events.count()).as(tail ? "events the tail's reader read" : "events a catching-up stream read")
                        .isGreaterThanOrEqualTo(stored);
            }
        }
        assertThat(api().get("/api/v1/members/" + id).json().get("downloads").asInt()).isEqualTo(120);
    }

    /** The time of each event the processors read is the stored one (read once, not through java.time's formatter). */
    @Test
    void the_events_read_carry_the_time_stored_with_them() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"time\"}").status())
                .isEqualTo(201);
        long first = jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, id.toString());
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        jdbc.query("SELECT event_identifier, time_stamp FROM domain_event_entry WHERE aggregate_identifier = ?",
                rs -> { stored.put(rs.getString(1), rs.getString(2)); }, id.toString());
        CommitAwareJdbcEventStorageEngine engine = (CommitAwareJdbcEventStorageEngine) storageEngine;
        GapAwareTrackingToken from = GapAwareTrackingToken.newInstance(first - 1, Set.of());
        try (var stream = engine.readEventData(from, false)) {
            java.util.List<org.axonframework.eventhandling.TrackedEventData<?>> read = stream
                    .filter(e -> stored.containsKey(e.getEventIdentifier())).collect(java.util.stream.Collectors.toList());
            assertThat(read).hasSize(stored.size()).allSatisfy(e -> {
                assertThat(e).isInstanceOf(CommitAwareJdbcEventStorageEngine.TimedOnce.class);
                assertThat(e.getTimestamp()).isEqualTo(
                        org.axonframework.common.DateTimeUtils.parseInstant(stored.get(e.getEventIdentifier())));
            });
        }
        try (Stream<? extends TrackedEventMessage<?>> messages = engine.readEvents(from, false)) {
            assertThat(messages.filter(m -> stored.containsKey(m.getIdentifier())).toList()).hasSize(stored.size())
                    .allSatisfy(m -> assertThat(m.getTimestamp()).isEqualTo(
                            org.axonframework.common.DateTimeUtils.parseInstant(stored.get(m.getIdentifier()))));
        }
    }
}
