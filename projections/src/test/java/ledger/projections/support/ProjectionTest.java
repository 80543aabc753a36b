package ledger.projections.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.core.shared.Actor;

/**
 * Projections fed events against real PostgreSQL (see {@link TestDatabase}). All test classes
 * share one context and one schema; every test uses fresh ids.
 */
@SpringBootTest(classes = ProjectionsTestApplication.class, properties = {
        "datasources.default.transaction-manager=springJdbc",
        "datasources.default.dialect=POSTGRES",
        "spring.main.banner-mode=off"})
public abstract class ProjectionTest {

    protected static final Actor PORTAL = new Actor("static:PORTAL#1", "PORTAL");
    protected static final Actor DPM = new Actor("static:DPM#1", "DPM");

    /** A time PostgreSQL stores exactly (microseconds). */
    protected static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private TransactionTemplate transactions;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.get();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.flyway.schemas", database::schema);
        registry.add("spring.flyway.default-schema", database::schema);
        registry.add("spring.flyway.locations", TestDatabase::migrationLocations);
    }

    @Autowired
    private javax.sql.DataSource dataSource;

    /**
     * Runs handlers as one batch of an event processor that collects the history rows and writes them at
     * its end ({@link BatchedRows}); {@code beforeItsEnd} runs in the batch's transaction after the handlers.
     */
    protected void batchWrittenAtItsEnd(Runnable handlers, Runnable beforeItsEnd) {
        transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, () -> { });
            handlers.run();
            beforeItsEnd.run();
        });
    }

    /** Runs handlers as one batch of an event processor: in one transaction. */
    protected void batch(Runnable handlers) {
        transactions.executeWithoutResult(status -> handlers.run());
    }

    protected static Instant at(long seconds) {
        return T0.plus(seconds, ChronoUnit.SECONDS);
    }

    protected int count(String sql, Object... args) {
        Integer count = jdbc.queryForObject(sql, Integer.class, args);
        return count == null ? 0 : count;
    }
}
