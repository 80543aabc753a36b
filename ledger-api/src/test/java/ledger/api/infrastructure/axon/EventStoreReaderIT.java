package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

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
}
