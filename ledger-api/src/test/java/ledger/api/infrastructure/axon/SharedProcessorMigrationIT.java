package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import ledger.api.support.IntegrationTest;

/**
 * V44 moves the member history onto the member-view processor, V45 the erasure receipts and the
 * data-subject requests onto the consent-history processor. A store upgraded while an old processor
 * was behind must not lose that read model's entries: the hosting processor restarts from the
 * earliest position wherever that is earlier than its own. Run on a temporary copy of
 * token_entry (a temporary table comes first in PostgreSQL's search path) and rolled back.
 */
class SharedProcessorMigrationIT extends IntegrationTest {

    private static final String GAP_AWARE = "org.axonframework.eventhandling.GapAwareTrackingToken";
    private static final String REPLAY = "org.axonframework.eventhandling.ReplayToken";

    @Autowired
    DataSource dataSource;

    @Test
    void the_member_view_processor_restarts_from_the_history_where_the_history_was_behind_and_the_old_tokens_go()
            throws Exception {
        Map<String, String> tokens = migrate("V44__member_history_on_member_view_processor.sql", connection -> {
            // segment 0: the history behind; 1: ahead; 2: the history replaying; 3: the view without a token
            token(connection, "member-view", 0, GAP_AWARE, gapAware(500));
            token(connection, "member-history", 0, GAP_AWARE, gapAware(420));
            token(connection, "member-view", 1, GAP_AWARE, gapAware(500));
            token(connection, "member-history", 1, GAP_AWARE, gapAware(510));
            token(connection, "member-view", 2, GAP_AWARE, gapAware(500));
            token(connection, "member-history", 2, REPLAY, "{\"tokenAtReset\":null}");
            token(connection, "member-view", 3, null, null);
            token(connection, "member-history", 3, GAP_AWARE, gapAware(7));
            token(connection, "consent-history", 0, GAP_AWARE, gapAware(3));
        });
        assertThat(tokens).containsExactly(
                Map.entry("consent-history/0", GAP_AWARE + " " + gapAware(3)),
                Map.entry("member-view/0", GAP_AWARE + " " + gapAware(420)),
                Map.entry("member-view/1", GAP_AWARE + " " + gapAware(500)),
                Map.entry("member-view/2", REPLAY + " {\"tokenAtReset\":null}"),
                Map.entry("member-view/3", "null null"));
    }

    @Test
    void the_consent_history_processor_restarts_from_the_earliest_of_the_three_positions() throws Exception {
        Map<String, String> tokens = migrate("V45__receipts_and_requests_on_consent_history_processor.sql",
                connection -> {
                    token(connection, "consent-history", 0, GAP_AWARE, gapAware(300));
                    token(connection, "erasure-receipts", 0, GAP_AWARE, gapAware(250));
                    token(connection, "data-subject-requests", 0, GAP_AWARE, gapAware(280));
                    token(connection, "member-view", 0, GAP_AWARE, gapAware(90));
                });
        assertThat(tokens).containsExactly(
                Map.entry("consent-history/0", GAP_AWARE + " " + gapAware(250)),
                Map.entry("member-view/0", GAP_AWARE + " " + gapAware(90)));

        Map<String, String> replaying = migrate("V45__receipts_and_requests_on_consent_history_processor.sql",
                connection -> {
                    token(connection, "consent-history", 0, GAP_AWARE, gapAware(300));
                    token(connection, "erasure-receipts", 0, GAP_AWARE, gapAware(250));
                    token(connection, "data-subject-requests", 0, REPLAY, "{\"tokenAtReset\":null}");
                });
        assertThat(replaying).containsExactly(
                Map.entry("consent-history/0", REPLAY + " {\"tokenAtReset\":null}"));

        Map<String, String> ahead = migrate("V45__receipts_and_requests_on_consent_history_processor.sql",
                connection -> {
                    token(connection, "consent-history", 0, GAP_AWARE, gapAware(300));
                    token(connection, "erasure-receipts", 0, GAP_AWARE, gapAware(301));
                });
        assertThat(ahead).containsExactly(Map.entry("consent-history/0", GAP_AWARE + " " + gapAware(300)));
    }

    interface Rows {
        void insert(Connection connection) throws Exception;
    }

    /** The migration's statements on a temporary token_entry holding the given rows; rolled back. */
    private Map<String, String> migrate(String migration, Rows rows) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE token_entry (LIKE public.token_entry INCLUDING ALL) ON COMMIT DROP");
                rows.insert(connection);
                statement.execute(new ClassPathResource("db/migration/" + migration)
                        .getContentAsString(StandardCharsets.UTF_8));
                Map<String, String> tokens = new TreeMap<>();
                try (ResultSet result = statement.executeQuery("SELECT processor_name, segment, token_type,"
                        + " convert_from(token, 'UTF8') FROM token_entry")) {
                    while (result.next()) {
                        tokens.put(result.getString(1) + "/" + result.getInt(2),
                                result.getString(3) + " " + result.getString(4));
                    }
                }
                return tokens;
            } finally {
                connection.rollback();
            }
        }
    }

    private static String gapAware(long index) {
        return "{\"index\":" + index + ",\"gaps\":[]}";
    }

    private static void token(Connection connection, String processor, int segment, String type, String json)
            throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO token_entry (processor_name, segment,"
                + " token_type, token) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, processor);
            insert.setInt(2, segment);
            insert.setString(3, type);
            insert.setBytes(4, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
