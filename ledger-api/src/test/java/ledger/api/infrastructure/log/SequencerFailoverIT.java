package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import ledger.api.configuration.LedgerProperties;
import ledger.api.support.IntegrationTest;
import ledger.core.log.NoteSigner;

/**
 * The sequencer moves to another node: B sequenced, so A yields to it for a few polls; B dies. A
 * round that someone waits for (an erasure's receipt asks for its evidence) must not yield: it
 * takes over at once. Before, it yielded like any round, and 1 of 282 receipts came back without
 * evidence during a failover. Two sequencers on a database of their own, with a clock that does not
 * move (so a yield never ends by itself).
 */
class SequencerFailoverIT extends IntegrationTest {

    @Autowired
    DataSource shared;

    @Autowired
    LedgerProperties properties;

    @TempDir
    Path dir;

    private JdbcTemplate sql;
    private Sequencer nodeA;
    private Sequencer nodeB;
    private int events;

    @BeforeEach
    void twoSequencersOnTheirOwnDatabase() {
        String database = "ledger_failover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        jdbc.execute("CREATE DATABASE " + database);
        HikariDataSource hikari = (HikariDataSource) shared;
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                hikari.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"), hikari.getUsername(),
                hikari.getPassword() == null ? "" : hikari.getPassword());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/projections")
                .load().migrate();
        sql = new JdbcTemplate(dataSource);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Clock stopped = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        NoteSigner signer = new NoteSigner(properties.log().effectiveKeyName(),
                Base64.getDecoder().decode(TEST_SIGNING_KEY));
        nodeA = sequencer(sql, transactions, signer, stopped, dir.resolve("a"));
        nodeB = sequencer(sql, transactions, signer, stopped, dir.resolve("b"));
    }

    private Sequencer sequencer(JdbcTemplate sql, TransactionTemplate transactions, NoteSigner signer, Clock clock,
                                Path checkpointDir) {
        JdbcLogStore store = new JdbcLogStore(sql);
        Checkpoints checkpoints = new Checkpoints(store, signer, properties.log().origin(),
                new CheckpointFiles(checkpointDir), clock);
        return new Sequencer(sql, transactions, store, checkpoints, properties.log(), clock, new SimpleMeterRegistry());
    }

    private void storeEvent() {
        int n = events++;
        sql.update("INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,"
                + " aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, 'test.Event', ?, 'aggregate', ?,"
                + " 'Test')", UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), "2026-12-06T12:00:0" + (n % 10) + "Z", n);
    }

    private long leaves() {
        return sql.queryForObject("SELECT count(*) FROM ledger_log_leaf", Long.class);
    }

    @Test
    void a_round_someone_waits_for_takes_over_at_once_from_a_node_that_stopped_sequencing() {
        storeEvent();
        assertThat(nodeB.sequence()).isEqualTo(1);
        assertThat(nodeA.sequence()).as("A builds its edge; nothing new").isZero();
        storeEvent();
        assertThat(nodeB.sequence()).isEqualTo(1);
        storeEvent();
        // A sees that B appended meanwhile: it yields to B (one node keeps its edge warm) ...
        assertThat(nodeA.sequence()).isZero();
        // ... and B has died: A's ordinary rounds keep yielding (the clock does not move here) ...
        assertThat(nodeA.sequence()).isZero();
        assertThat(leaves()).isEqualTo(2);
        // ... but a round that a receipt waits for takes over at once
        assertThat(nodeA.sequence(true)).isEqualTo(1);
        assertThat(leaves()).isEqualTo(3);
        // and A sequences from then on
        storeEvent();
        assertThat(nodeA.sequence()).isEqualTo(1);
    }
}
