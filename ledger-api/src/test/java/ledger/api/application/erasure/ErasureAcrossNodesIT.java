package ledger.api.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.core.member.MemberRegistered;

/**
 * Two nodes on one database: an erasure acknowledged by node A stops node B from decrypting at
 * once, because no node keeps a key beyond one unit of work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErasureAcrossNodesIT extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void startSecondNode() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        nodeB = new SpringApplicationBuilder(LedgerApplication.class).run(
                fleetDirectories()[0], fleetDirectories()[1],
                "--server.port=0",
                "--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--ledger.master-key=" + TEST_MASTER_KEY);
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void once_node_a_answers_the_erasure_node_b_decrypts_nothing_of_that_member() {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        EventStore storeOfB = nodeB.getBean(EventStore.class);

        MemberRegistered beforeOnB = (MemberRegistered) storeOfB.readEvents(id.toString()).next().getPayload();
        assertThat(beforeOnB.username()).isEqualTo(username);

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);

        MemberRegistered afterOnB = (MemberRegistered) storeOfB.readEvents(id.toString()).next().getPayload();
        assertThat(afterOnB.username()).isEqualTo("[erased]");
        assertThat(afterOnB.givenName()).isEqualTo("[erased]");

        int portOfB = Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port"));
        Api.Response viewOnB = new Api(portOfB).as(Api.DPM).get("/api/v1/members/" + id);
        assertThat(viewOnB.status()).isEqualTo(200);
        assertThat(viewOnB.json().get("status").asText()).isEqualTo("ERASED");
        assertThat(viewOnB.json().get("username").isNull()).isTrue();
    }

    private Api onB() {
        return new Api(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")));
    }

    private static String download(String document) {
        return "{\"documentId\":\"" + document + "\"}";
    }

    @Test
    void a_member_cached_on_node_b_and_changed_on_node_a_is_loaded_fresh_and_no_event_is_lost() {
        UUID id = api().register(Api.uniqueUsername());
        // node B loads the member and keeps it (MemberCache); node A appends behind its back
        assertThat(onB().post("/api/v1/members/" + id + "/downloads", download("b-1")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + id + "/downloads", download("a-1")).status()).isEqualTo(201);
        // B's copy is stale: its append takes a sequence number already taken, rolls back, and the retry loads fresh
        assertThat(onB().post("/api/v1/members/" + id + "/downloads", download("b-2")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + id + "/downloads", download("a-2")).status()).isEqualTo(201);

        assertThat(storedEventTypes(id).stream().filter("DocumentDownloaded"::equals)).hasSize(4);
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", Long.class, id.toString()))
                .as("one event per sequence number, none skipped").isEqualTo(java.util.stream.LongStream
                        .range(0, storedEventTypes(id).size()).boxed().toList());
    }

    @Test
    void a_member_cached_on_node_b_and_erased_on_node_a_gets_no_event_through_node_b() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(onB().post("/api/v1/members/" + id + "/downloads", download("before")).status()).isEqualTo(201);

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);

        // B's cached copy still says active: the store's sequence check refuses it, the fresh load refuses the command
        Api.Response after = onB().post("/api/v1/members/" + id + "/downloads", download("after"));
        assertThat(after.status()).as(after.body()).isNotEqualTo(201).isLessThan(500);
        List<String> types = storedEventTypes(id);
        assertThat(types.get(types.size() - 1)).as("nothing after the erasure").isEqualTo("MemberErased");
    }
}
