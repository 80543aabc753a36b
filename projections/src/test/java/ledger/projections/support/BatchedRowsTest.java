package ledger.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.projections.history.MemberHistoryRow;

class BatchedRowsTest extends ProjectionTest {

    /** The trail's table, as the member history writes it: here with rows the test makes. */
    private static final BatchedRows.Table<MemberHistoryRow> TRAIL = BatchedRows.Table.<MemberHistoryRow>into("member_history")
            .column("member_id", "uuid", MemberHistoryRow::memberId)
            .column("seq", "bigint", MemberHistoryRow::seq)
            .column("type", "text", MemberHistoryRow::type)
            .column("at", "timestamptz", MemberHistoryRow::at)
            .column("actor_principal", "text", MemberHistoryRow::actorPrincipal)
            .column("actor_role", "text", MemberHistoryRow::actorRole)
            .column("details", "text", MemberHistoryRow::details)
            .column("acting_user", "text", MemberHistoryRow::actingUser)
            .build("ON CONFLICT (member_id, seq) DO NOTHING");

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactions;

    private static MemberHistoryRow row(UUID member, long seq, String type) {
        return new MemberHistoryRow(null, member, seq, type, T0.plusSeconds(seq), "static:PORTAL#1", "PORTAL", "{}", null);
    }

    private int rowsOf(UUID member) {
        return count("SELECT count(*) FROM member_history WHERE member_id = ?", member);
    }

    @Test
    void collected_rows_are_written_in_one_statement_before_the_commit_in_the_order_they_were_added() {
        UUID member = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, () -> { });
            for (long seq = 0; seq < 5; seq++) {
                long s = seq;
                BatchedRows.add(TRAIL, row(member, s, "T" + s), () -> {
                    throw new AssertionError("written at once although the batch collects");
                });
            }
            assertThat(rowsOf(member)).as("before the commit").isZero();
        });

        assertThat(jdbc.queryForList("SELECT seq FROM member_history WHERE member_id = ? ORDER BY id", Long.class, member))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(jdbc.queryForObject("SELECT at FROM member_history WHERE member_id = ? AND seq = 4", Instant.class,
                member)).isEqualTo(T0.plusSeconds(4));
    }

    /** A row the probe's statement updates by id, as the member view's batch updates its members' rows. */
    record Probe(UUID id) {
    }

    private static final BatchedRows.Table<Probe> PROBE_UPDATE = BatchedRows.Table.statement(
            "UPDATE batch_plan_probe p SET n = p.n + d.n FROM (SELECT DISTINCT ON (id) CAST(id AS uuid) AS id,"
                    + " count(*) OVER (PARTITION BY id) AS n FROM unnest(CAST(? AS text[])) AS rows(id)"
                    + " ORDER BY id) d WHERE p.id = d.id", Probe::id).plannedAtEveryRun();

    private long sequentialScansOfTheProbe() {
        return jdbc.queryForObject("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'batch_plan_probe'"
                + " AND schemaname = current_schema()", Long.class);
    }

    @Test
    void a_batchs_statement_is_planned_for_the_table_as_it_is_not_as_it_was_when_it_was_first_run() {
        jdbc.execute("DROP TABLE IF EXISTS batch_plan_probe");
        jdbc.execute("CREATE TABLE batch_plan_probe (id uuid PRIMARY KEY, n bigint NOT NULL)");
        transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, () -> { });
            jdbc.update("INSERT INTO batch_plan_probe SELECT gen_random_uuid(), 0 FROM generate_series(1, 40)");
            List<UUID> small = jdbc.queryForList("SELECT id FROM batch_plan_probe", UUID.class);
            Runnable everyRowTwice = () -> {
                for (UUID id : small) {
                    BatchedRows.add(PROBE_UPDATE, new Probe(id), () -> { });
                    BatchedRows.add(PROBE_UPDATE, new Probe(id), () -> { });
                }
                BatchedRows.flush(PROBE_UPDATE);
            };
            // run often enough on this connection for a prepared statement's plan to be kept (a small table's)
            for (int i = 0; i < 12; i++) {
                everyRowTwice.run();
            }
            jdbc.update("INSERT INTO batch_plan_probe SELECT gen_random_uuid(), 0 FROM generate_series(1, 50000)");
            long before = sequentialScansOfTheProbe();

            everyRowTwice.run();

            assertThat(sequentialScansOfTheProbe() - before).as("sequential scans of 50,040 rows to update 40")
                    .isZero();
            assertThat(jdbc.queryForList("SELECT DISTINCT n FROM batch_plan_probe WHERE n > 0", Long.class))
                    .containsExactly(26L);
        });
        jdbc.execute("DROP TABLE batch_plan_probe");
    }

    @Test
    void an_instant_is_stored_as_a_single_row_statement_stores_it_half_microseconds_included() {
        UUID collected = UUID.randomUUID();
        UUID single = UUID.randomUUID();
        // exactly half a microsecond: the driver rounds a bound value up, PostgreSQL a text's to even
        for (Instant at : List.of(Instant.parse("2026-12-07T15:59:24.484122500Z"),
                Instant.parse("2026-12-07T15:59:24.484123500Z"), Instant.parse("2026-12-07T15:59:24.999999500Z"),
                Instant.parse("2026-12-07T15:59:24.484123499Z"), Instant.parse("2026-12-07T15:59:24.484123Z"))) {
            long seq = count("SELECT count(*) FROM member_history WHERE member_id = ?", collected);
            transactions.executeWithoutResult(status -> {
                BatchedRows.open(dataSource, () -> { });
                BatchedRows.add(TRAIL, new MemberHistoryRow(null, collected, seq, "T", at, "static:PORTAL#1",
                        "PORTAL", "{}", null), () -> { });
            });
            jdbc.update("INSERT INTO member_history (member_id, seq, type, at, actor_principal, actor_role, details)"
                    + " VALUES (?, ?, 'T', ?, 'static:PORTAL#1', 'PORTAL', '{}')", single, seq,
                    java.sql.Timestamp.from(at));
            assertThat(jdbc.queryForObject("SELECT at FROM member_history WHERE member_id = ? AND seq = ?",
                    java.sql.Timestamp.class, collected, seq)).as(at.toString())
                    .isEqualTo(jdbc.queryForObject("SELECT at FROM member_history WHERE member_id = ? AND seq = ?",
                            java.sql.Timestamp.class, single, seq));
        }
    }

    @Test
    void with_no_batch_collecting_a_row_is_written_at_once() {
        AtomicInteger written = new AtomicInteger();
        batch(() -> BatchedRows.add(TRAIL, row(UUID.randomUUID(), 0, "T"), written::incrementAndGet));
        assertThat(written).hasValue(1);
        assertThat(BatchedRows.collecting()).isFalse();
    }

    @Test
    void a_write_that_fails_at_the_end_tells_the_batch_and_fails_the_commit_with_nothing_of_the_batch_kept() {
        UUID member = UUID.randomUUID();
        AtomicInteger told = new AtomicInteger();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, told::incrementAndGet);
            jdbc.update("INSERT INTO consent_history_version (member_id, version) VALUES (?, 7)", member);
            BatchedRows.add(TRAIL, row(member, 0, "T"), () -> { });
            // type is NOT NULL: the statement at the end fails
            BatchedRows.add(TRAIL, row(member, 1, null), () -> { });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("23502");

        assertThat(told).hasValue(1);
        assertThat(rowsOf(member)).isZero();
        assertThat(count("SELECT count(*) FROM consent_history_version WHERE member_id = ?", member))
                .as("the batch's other writes rolled back with it").isZero();
        assertThat(BatchedRows.collecting()).as("nothing left bound to the thread").isFalse();
    }

    /** A statement of its own: the consent history's versions, raised to the rows' sequence. */
    private static final BatchedRows.Table<MemberHistoryRow> VERSION = BatchedRows.Table.statement(
            "INSERT INTO consent_history_version (member_id, version) SELECT CAST(m AS uuid), CAST(v AS bigint)"
                    + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS rows(m, v)",
            MemberHistoryRow::memberId, MemberHistoryRow::seq);

    @Test
    void a_table_written_on_its_own_leaves_the_other_tables_collected_until_the_end() {
        UUID member = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, () -> { });
            BatchedRows.add(TRAIL, row(member, 0, "T"), () -> { });
            BatchedRows.add(VERSION, row(member, 3, "T"), () -> { });
            BatchedRows.flush(VERSION);
            assertThat(count("SELECT count(*) FROM consent_history_version WHERE member_id = ?", member)).isOne();
            assertThat(rowsOf(member)).as("the trail waits for the end").isZero();
            BatchedRows.flush(VERSION);
        });
        assertThat(rowsOf(member)).isOne();
        assertThat(count("SELECT version FROM consent_history_version WHERE member_id = ?", member))
                .as("written once").isEqualTo(3);
    }

    @Test
    void a_statement_that_changes_other_than_the_rows_it_expects_fails_the_batch() {
        UUID member = UUID.randomUUID();
        BatchedRows.Table<MemberHistoryRow> raise = BatchedRows.Table.<MemberHistoryRow>statement(
                "UPDATE consent_history_version v SET version = CAST(r.v AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS r(m, v) WHERE v.member_id = CAST(r.m AS uuid)",
                MemberHistoryRow::memberId, MemberHistoryRow::seq).expecting(java.util.List::size);
        AtomicInteger told = new AtomicInteger();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            BatchedRows.open(dataSource, told::incrementAndGet);
            BatchedRows.add(TRAIL, row(member, 0, "T"), () -> { });
            // no version row of the member: the update changes nothing
            BatchedRows.add(raise, row(member, 5, "T"), () -> { });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("changed 0 rows, not 1");
        assertThat(told).hasValue(1);
        assertThat(rowsOf(member)).isZero();
    }

    @Test
    void state_kept_for_a_batch_lasts_as_long_as_the_batch() {
        Object key = new Object();
        assertThat((Object) BatchedRows.local(key, Object::new)).as("no batch").isNull();
        Object[] seen = new Object[2];
        for (int b = 0; b < 2; b++) {
            int i = b;
            transactions.executeWithoutResult(status -> {
                BatchedRows.open(dataSource, () -> { });
                seen[i] = BatchedRows.local(key, Object::new);
                assertThat((Object) BatchedRows.local(key, Object::new)).isSameAs(seen[i]);
            });
        }
        assertThat(seen[0]).isNotNull().isNotSameAs(seen[1]);
    }
}
