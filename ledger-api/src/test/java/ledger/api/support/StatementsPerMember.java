package ledger.api.support;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts the statements that insert into a table, per member: a statement-level trigger records, for each
 * statement, how many rows it inserted for each member (its transition table). Statements of other tests'
 * members are recorded too and ignored. Removed with {@link #close}.
 */
public final class StatementsPerMember implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String table;
    private final String name;

    public StatementsPerMember(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.name = "counted_" + table;
        jdbc.execute("CREATE TABLE " + name + " (member_id uuid, n int)");
        jdbc.execute("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO " + name + " SELECT member_id, count(*) FROM added GROUP BY member_id;"
                + " RETURN NULL; END $$");
        jdbc.execute("CREATE TRIGGER " + name + " AFTER INSERT ON " + table + " REFERENCING NEW TABLE AS added"
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + name + "()");
    }

    /** The rows each statement inserted for the member, statement by statement. */
    public List<Integer> rowsPerStatement(UUID member) {
        return jdbc.queryForList("SELECT n FROM " + name + " WHERE member_id = ? ORDER BY ctid", Integer.class, member);
    }

    @Override
    public void close() {
        jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
        jdbc.execute("DROP FUNCTION IF EXISTS " + name + "()");
        jdbc.execute("DROP TABLE IF EXISTS " + name);
    }
}
