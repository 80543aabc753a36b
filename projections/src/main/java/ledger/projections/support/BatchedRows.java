package ledger.projections.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows an event processor's batch collects and writes at its end, one statement per table, instead of
 * one statement per event: the history read models' inserts (a replay writes a million of them). Opened
 * for a transaction by whoever runs the batch ({@link #open}); a projection {@link #add}s a row and writes
 * it at once when no batch collects (a command's transaction, a batch retried event by event behind
 * savepoints, a test). Rows are written in the order they were added, table by table in the order the
 * tables were first used, before the transaction commits or when a projection asks ({@link #flush}:
 * before a statement that reads or changes what was collected).
 */
public final class BatchedRows {

    private static final Object RESOURCE = BatchedRows.class;

    private final DataSource dataSource;
    private final Map<Table<?>, List<Object>> pending = new LinkedHashMap<>();
    private final Map<Object, Object> locals = new HashMap<>();

    private BatchedRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Collects the rows of the transaction bound to this thread until it commits (then they are written
     * before the commit) or rolls back (then they are dropped with it). {@code whenWriteFails} runs before a
     * failed write's exception leaves (it fails the commit): the batch is then retried, its caller decides how.
     */
    public static void open(DataSource dataSource, Runnable whenWriteFails) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("rows are collected for a transaction: none is active");
        }
        if (TransactionSynchronizationManager.hasResource(RESOURCE)) {
            return;
        }
        BatchedRows rows = new BatchedRows(dataSource);
        TransactionSynchronizationManager.bindResource(RESOURCE, rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                try {
                    rows.write();
                } catch (RuntimeException failure) {
                    whenWriteFails.run();
                    throw failure;
                }
            }

            @Override
            public void afterCompletion(int status) {
                rows.pending.clear();
                rows.locals.clear();
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
        });
    }

    /** Whether rows of this thread's transaction are collected. */
    public static boolean collecting() {
        return TransactionSynchronizationManager.getResource(RESOURCE) != null;
    }

    /** Collects the row for the batch's end; with no batch collecting, runs {@code now} (which writes it). */
    public static <R> void add(Table<R> table, R row, Runnable now) {
        BatchedRows rows = (BatchedRows) TransactionSynchronizationManager.getResource(RESOURCE);
        if (rows == null) {
            now.run();
            return;
        }
        rows.pending.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    /**
     * State a projection keeps for the length of the batch (under {@code key}, made by {@code initial} on first use),
     * or null when no batch collects: what the batch's own statements established (e.g. rows it locked).
     */
    @SuppressWarnings("unchecked")
    public static <T> T local(Object key, Supplier<T> initial) {
        BatchedRows rows = (BatchedRows) TransactionSynchronizationManager.getResource(RESOURCE);
        return rows == null ? null : (T) rows.locals.computeIfAbsent(key, k -> initial.get());
    }

    /** Writes what was collected for {@code table} so far (the other tables wait for the batch's end). */
    @SuppressWarnings("unchecked")
    public static <R> void flush(Table<R> table) {
        BatchedRows rows = (BatchedRows) TransactionSynchronizationManager.getResource(RESOURCE);
        List<Object> collected = rows == null ? null : rows.pending.get(table);
        if (collected == null || collected.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(rows.dataSource);
        try {
            ((Table<Object>) table).write(connection, collected);
            collected.clear();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write a batch's rows (SQL state " + e.getSQLState() + ")", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, rows.dataSource);
        }
    }

    /** Writes what was collected so far: before a statement that must see it. Nothing collected: nothing done. */
    public static void flush() {
        BatchedRows rows = (BatchedRows) TransactionSynchronizationManager.getResource(RESOURCE);
        if (rows != null) {
            rows.write();
        }
    }

    @SuppressWarnings("unchecked")
    private void write() {
        if (pending.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            for (Map.Entry<Table<?>, List<Object>> entry : pending.entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    ((Table<Object>) entry.getKey()).write(connection, entry.getValue());
                    entry.getValue().clear();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write a batch's rows (SQL state " + e.getSQLState() + ")", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * One table's insert of many rows in one statement: each column's values as one array
     * ({@code unnest}), cast to the column's type, inserted in the order given (serial ids follow it).
     * Values travel as text: what PostgreSQL parses from a UUID's, a number's or an ISO-8601 instant's
     * text is what the single-row insert stores.
     */
    public static final class Table<R> {

        private final String sql;
        private final List<Function<R, Object>> values;
        private final ToIntFunction<List<R>> expected;
        private final boolean plannedAtEveryRun;
        private final Consumer<List<R>> written;

        private Table(String sql, List<Function<R, Object>> values, ToIntFunction<List<R>> expected,
                      boolean plannedAtEveryRun, Consumer<List<R>> written) {
            this.sql = sql;
            this.values = values;
            this.expected = expected;
            this.plannedAtEveryRun = plannedAtEveryRun;
            this.written = written;
        }

        private Table(String sql, List<Function<R, Object>> values) {
            this(sql, values, null, false, rows -> { });
        }

        /**
         * The same statement, which must change as many rows as {@code rowsChanged} tells for the rows written;
         * another count fails the write (and with it the batch).
         */
        public Table<R> expecting(ToIntFunction<List<R>> rowsChanged) {
            return new Table<>(sql, values, Objects.requireNonNull(rowsChanged), plannedAtEveryRun, written);
        }

        /**
         * The same statement; {@code afterwards} is told the rows once they are written (at the batch's end or
         * earlier, when a statement had to see them), in the batch's thread.
         */
        public Table<R> whenWritten(Consumer<List<R>> afterwards) {
            return new Table<>(sql, values, expected, plannedAtEveryRun, Objects.requireNonNull(afterwards));
        }

        /**
         * The same statement, planned at every run and never kept prepared on the server: for a statement that
         * reads a table (a join), whose best plan changes as the table grows. A plan PostgreSQL keeps is made
         * once for the tables as they were (a rebuilt member view at 40 rows read by a hash join over all of
         * it) and stays until an ANALYZE, so each batch's update read the whole growing view (a third of
         * PostgreSQL's work in a million-event replay). The inserts of rows keep their prepared plan: parsing
         * and planning them per batch cost more than it could save.
         */
        public Table<R> plannedAtEveryRun() {
            return new Table<>(sql, values, expected, true, written);
        }

        /** An insert of rows into a table, column by column ({@link Builder#build}). */
        public static <R> Builder<R> into(String table) {
            return new Builder<>(table);
        }

        /**
         * A statement of its own over the rows: one {@code CAST(? AS text[])} parameter per value, in the
         * order of {@code values} (e.g. rows collapsed per key before an upsert, which may not touch a row twice).
         */
        @SafeVarargs
        public static <R> Table<R> statement(String sql, Function<R, Object>... values) {
            return new Table<>(sql, List.of(values));
        }

        private void write(Connection connection, List<R> rows) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (plannedAtEveryRun && statement.isWrapperFor(PGStatement.class)) {
                    statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                }
                for (int c = 0; c < values.size(); c++) {
                    Function<R, Object> value = values.get(c);
                    String[] texts = rows.stream().map(value).map(Table::text).toArray(String[]::new);
                    Array array = connection.createArrayOf("text", texts);
                    statement.setArray(c + 1, array);
                }
                int changed = statement.executeUpdate();
                if (expected != null && changed != expected.applyAsInt(rows)) {
                    throw new IllegalStateException("a batch's statement changed " + changed + " rows, not "
                            + expected.applyAsInt(rows) + ": " + sql);
                }
            }
            written.accept(List.copyOf(rows));
        }

        /**
         * A value as the statement's text. An instant is rounded to microseconds as the driver rounds a bound one
         * (half up): PostgreSQL rounds a text's half microsecond to even, so an instant that ends in exactly 500
         * nanoseconds was stored a microsecond apart from the same value written by a single-row statement (a
         * replayed view differed from the live one; KillNineIT found it).
         */
        static String text(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof java.time.Instant instant) {
                return instant.plusNanos(500).truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
            }
            return value.toString();
        }

        /** Whether the statement is planned at every run ({@link #plannedAtEveryRun()}). */
        public boolean isPlannedAtEveryRun() {
            return plannedAtEveryRun;
        }

        /** The statement, for tests and logs: it holds no values. */
        public String sql() {
            return sql;
        }

        public static final class Builder<R> {
            private final String table;
            private final List<String> names = new ArrayList<>();
            private final List<String> types = new ArrayList<>();
            private final List<Function<R, Object>> values = new ArrayList<>();

            private Builder(String table) {
                this.table = table;
            }

            /** A column, its PostgreSQL type and the row's value for it (null: SQL NULL). */
            public Builder<R> column(String name, String type, Function<R, Object> value) {
                names.add(Objects.requireNonNull(name));
                types.add(Objects.requireNonNull(type));
                values.add(Objects.requireNonNull(value));
                return this;
            }

            /** {@code suffix}: what follows the rows (an ON CONFLICT clause, or nothing). */
            public Table<R> build(String suffix) {
                String columns = String.join(", ", names);
                String arrays = IntStream.range(0, names.size()).mapToObj(i -> "CAST(? AS text[])")
                        .collect(Collectors.joining(", "));
                String aliases = IntStream.range(0, names.size()).mapToObj(i -> "c" + i)
                        .collect(Collectors.joining(", "));
                String casts = IntStream.range(0, names.size()).mapToObj(i -> "CAST(c" + i + " AS " + types.get(i) + ")")
                        .collect(Collectors.joining(", "));
                String sql = "INSERT INTO " + table + " (" + columns + ") SELECT " + casts + " FROM unnest(" + arrays
                        + ") WITH ORDINALITY AS rows(" + aliases + ", position) ORDER BY position "
                        + suffix;
                return new Table<>(sql.strip(), List.copyOf(values));
            }
        }
    }
}
