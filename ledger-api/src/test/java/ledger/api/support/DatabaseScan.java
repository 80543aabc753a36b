package ledger.api.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A full scan of every column of every table in the database's public schema, bytea included,
 * for a marker string: the equivalent of grepping a pg_dump, done through SQL.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** The columns ({@code table.column}) whose values contain the marker, case-insensitively. */
    public static List<String> find(JdbcTemplate jdbc, String marker) {
        return find(jdbc, marker, null);
    }

    public static List<String> find(JdbcTemplate jdbc, String marker, String onlyTable) {
        List<Map<String, Object>> columns = jdbc.queryForList("SELECT c.table_name, c.column_name, c.data_type"
                + " FROM information_schema.columns c JOIN information_schema.tables t"
                + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1, 2");
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            if (onlyTable != null && !onlyTable.equals(table)) {
                continue;
            }
            String name = (String) column.get("column_name");
            String type = (String) column.get("data_type");
            String value = "bytea".equals(type) ? "encode(\"" + name + "\", 'escape')" : "\"" + name + "\"::text";
            Integer count = jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\" WHERE lower(" + value
                    + ") LIKE lower(?)", Integer.class, "%" + marker + "%");
            if (count != null && count > 0) {
                hits.add(table + "." + name);
            }
        }
        return hits;
    }

    public static int tableCount(JdbcTemplate jdbc) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", Integer.class);
        return count == null ? 0 : count;
    }
}
