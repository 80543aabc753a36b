package ledger.projections.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import ledger.projections.support.TestDatabase;

/** V9 adds the consent history's versions to databases that already hold members. */
class ConsentHistoryVersionMigrationTest {

    private final TestDatabase database = TestDatabase.get();
    private final String schema = TestDatabase.freshSchemaName();
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(database.urlFor(schema),
            database.user(), database.password());

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations(TestDatabase.migrationLocations().split(",")).target(target).load();
    }

    @AfterEach
    void dropSchema() {
        database.dropSchema(schema);
    }

    @Test
    void members_known_before_get_the_last_event_either_history_reflects_as_their_version() {
        flyway("8").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        UUID aheadInTheTrail = UUID.randomUUID();
        UUID aheadInTheConsents = UUID.randomUUID();
        UUID trailOnly = UUID.randomUUID();
        trail(jdbc, aheadInTheTrail, 0, 1, 2, 3);
        consent(jdbc, aheadInTheTrail, 1);
        trail(jdbc, aheadInTheConsents, 0, 1);
        consent(jdbc, aheadInTheConsents, 1);
        consent(jdbc, aheadInTheConsents, 2);
        trail(jdbc, trailOnly, 0);

        flyway("latest").migrate();

        assertThat(version(jdbc, aheadInTheTrail)).isEqualTo(3);
        assertThat(version(jdbc, aheadInTheConsents)).isEqualTo(2);
        assertThat(version(jdbc, trailOnly)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_history_version", Integer.class)).isEqualTo(3);
    }

    private static void trail(JdbcTemplate jdbc, UUID member, long... seqs) {
        for (long seq : seqs) {
            jdbc.update("INSERT INTO member_history (member_id, seq, type, at, actor_principal, actor_role, details)"
                    + " VALUES (?, ?, 'DocumentDownloaded', now(), 'p', 'PORTAL', '{}')", member, seq);
        }
    }

    private static void consent(JdbcTemplate jdbc, UUID member, long seq) {
        jdbc.update("INSERT INTO consent_history (member_id, seq, consent_id, type, purpose, policy_version, at,"
                + " actor_principal, actor_role) VALUES (?, ?, ?, 'GIVEN', 'newsletter', '1', now(), 'p', 'PORTAL')",
                member, seq, UUID.randomUUID());
    }

    private static long version(JdbcTemplate jdbc, UUID member) {
        Long version = jdbc.queryForObject("SELECT version FROM consent_history_version WHERE member_id = ?",
                Long.class, member);
        return version == null ? -1 : version;
    }
}
