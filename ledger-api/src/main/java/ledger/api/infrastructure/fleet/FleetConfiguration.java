package ledger.api.infrastructure.fleet;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ledger.api.configuration.LedgerProperties;

/** Several nodes on one database: distinct token owners and a fair split of segments. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    @Bean
    NodeIdentity nodeIdentity(LedgerProperties properties) {
        return NodeIdentity.of(properties.nodeId());
    }

    /** Other nodes' commits wake this node's readers (LISTEN/NOTIFY) instead of polls every few milliseconds. */
    @Bean
    CommitSignal commitSignal(DataSource dataSource, NodeIdentity node) throws SQLException {
        HikariDataSource pool = dataSource instanceof HikariDataSource hikari ? hikari
                : dataSource.unwrap(HikariDataSource.class);
        return new CommitSignal(pool, node);
    }

    /**
     * PostgreSQL's clock for the whole node (docs/reliability.md, "One clock"), and the one {@link Clock}
     * bean (the ledger's queries: "overdue"): Axon's token claims and event times take it through
     * their static clocks, db-scheduler's deadlines through its bean.
     */
    @Bean
    DatabaseClock databaseClock(JdbcTemplate jdbc, LedgerProperties properties) {
        DatabaseClock clock = new DatabaseClock(Clock.systemUTC(),
                () -> jdbc.queryForObject("SELECT clock_timestamp()", Instant.class), properties.fleet().clockBound());
        AbstractTokenEntry.clock = clock;
        GenericEventMessage.clock = clock;
        return clock;
    }

    @Bean
    FleetDirectories fleetDirectories(JdbcTemplate jdbc, LedgerProperties properties) {
        return new FleetDirectories(jdbc, properties.fleet().adoptDirectories());
    }

    /** db-scheduler (Axon's deadlines: retention, request due dates) judges due times by the database's clock. */
    @Bean
    com.github.kagkarlsson.scheduler.Clock fleetSchedulerClock(DatabaseClock clock) {
        return clock::instant;
    }

    /** Readiness ({@code clock}): down while this node's clock is beyond the bound from the database's. */
    @Bean
    HealthIndicator clockHealthIndicator(DatabaseClock clock, MeterRegistry registry) {
        Gauge.builder("ledger.clock.offset.seconds", clock, c -> c.offset().toNanos() / 1e9)
                .description("The database's clock minus this node's, as last measured (every heartbeat)")
                .register(registry);
        return () -> {
            Health.Builder health = clock.withinBound() ? Health.up() : Health.down();
            return health.withDetail("offsetMillis", clock.offset().toMillis())
                    .withDetail("boundMillis", clock.bound().toMillis()).build();
        };
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          NodeIdentity node, LedgerProperties properties, DatabaseClock clock) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .nodeId(node.id())
                .claimTimeout(properties.fleet().claimTimeout())
                .build();
    }
}
