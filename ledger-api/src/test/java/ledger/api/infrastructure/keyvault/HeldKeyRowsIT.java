package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.api.support.IntegrationTest;
import ledger.core.crypto.KeyVault;
import ledger.core.erasure.ShredFence;

/**
 * A transaction reads a subject's key row once: the share lock it took keeps the row as it was
 * read until the transaction ends. The adversary: another transaction shredding the key in between,
 * and a rollback to a savepoint that gives the lock up.
 */
class HeldKeyRowsIT extends IntegrationTest {

    @Autowired
    KeyVault vault;
    @Autowired
    ShredFence fence;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void a_transaction_reads_a_key_row_once_and_a_shred_from_elsewhere_waits_for_it() {
        UUID subject = subjectWithKey();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            long before = keyRowReads();
            assertThat(vault.keyForReading(subject)).isPresent();
            assertThat(fence.shreddedHolding(subject)).isFalse();
            assertThat(vault.keyForReading(subject)).isPresent();
            assertThat(fence.shreddedHolding(subject)).isFalse();
            assertThat(keyRowReads() - before).isEqualTo(1);
            // the row is still held: a shred elsewhere cannot get past it
            assertThatThrownBy(() -> shredElsewhere(subject, "300ms")).hasMessageContaining("lock");
        });
        assertThat(shredElsewhere(subject, "5s")).isTrue();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            assertThat(fence.shreddedHolding(subject)).isTrue();
            assertThat(vault.keyForReading(subject)).isEmpty();
        });
    }

    @Test
    void after_a_rollback_to_a_savepoint_the_key_row_is_read_and_locked_again() {
        UUID subject = subjectWithKey();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                Savepoint savepoint = connection.setSavepoint();
                assertThat(fence.shreddedHolding(subject)).isFalse();
                connection.rollback(savepoint);
                HeldKeyRows.forgetAll();
                // the rollback gave the share lock up: a shred elsewhere goes through now
                assertThat(shredElsewhere(subject, "5s")).isTrue();
                assertThat(fence.shreddedHolding(subject)).isTrue();
                assertThat(vault.keyForReading(subject)).isEmpty();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    @Test
    void a_transaction_that_shreds_a_key_it_read_sees_it_shredded() {
        UUID subject = subjectWithKey();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            assertThat(fence.shreddedHolding(subject)).isFalse();
            assertThat(vault.shred(subject)).isTrue();
            assertThat(fence.shreddedHolding(subject)).isTrue();
            assertThat(vault.keyForReading(subject)).isEmpty();
        });
    }

    @Test
    void a_batch_reads_and_holds_the_key_rows_of_all_its_members_in_one_statement() {
        UUID one = subjectWithKey();
        UUID two = subjectWithKey();
        UUID erased = subjectWithKey();
        assertThat(shredElsewhere(erased, "5s")).isTrue();
        UUID keyless = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            long before = keyRowReads();
            JdbcKeyVault.holdAll(jdbc, java.util.List.of(one, two, one, erased, keyless));
            assertThat(keyRowReads() - before).as("one statement for all").isEqualTo(1);
            assertThat(vault.keyForReading(one)).isPresent();
            assertThat(fence.shreddedHolding(two)).isFalse();
            assertThat(fence.shreddedHolding(erased)).isTrue();
            assertThat(vault.keyForReading(erased)).isEmpty();
            assertThat(keyRowReads() - before).as("answered from the held rows").isEqualTo(1);
            // held as a single read holds them: a shred elsewhere waits
            assertThatThrownBy(() -> shredElsewhere(two, "300ms")).hasMessageContaining("lock");
            // a subject with no key row is asked again when it is used
            assertThat(fence.shreddedHolding(keyless)).isFalse();
            assertThat(keyRowReads() - before).isEqualTo(2);
        });
        assertThat(shredElsewhere(two, "5s")).isTrue();
    }

    @Test
    void a_new_subjects_key_row_is_created_and_held_without_reading_it_back() {
        UUID subject = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            long before = keyRowReads();
            byte[] written = vault.keyForWriting(subject);
            assertThat(keyRowReads() - before).as("the look for a row, the insert's conflict check").isEqualTo(2);
            assertThat(vault.keyForReading(subject)).hasValueSatisfying(key -> assertThat(key).isEqualTo(written));
            assertThat(fence.shreddedHolding(subject)).isFalse();
            assertThat(keyRowReads() - before).as("answered from the held row").isEqualTo(2);
            // the row the transaction inserted is its own until it commits: an erasure elsewhere sees no row to
            // shred, and its tombstone for the subject waits
            assertThat(shredElsewhere(subject, "300ms")).isFalse();
            assertThatThrownBy(() -> elsewhere("INSERT INTO data_key (subject_id, shredded_at) VALUES ('" + subject
                    + "', now()) ON CONFLICT DO NOTHING", "300ms")).hasMessageContaining("lock");
        });
        assertThat(shredElsewhere(subject, "5s")).isTrue();
    }

    private UUID subjectWithKey() {
        UUID subject = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> vault.keyForWriting(subject));
        return subject;
    }

    /** Index and sequential scans of data_key so far in this transaction. */
    private long keyRowReads() {
        Long reads = jdbc.queryForObject("SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0)"
                + " FROM pg_stat_xact_user_tables WHERE relname = 'data_key'", Long.class);
        return reads == null ? 0 : reads;
    }

    /** Shreds the key in a transaction of another thread and connection, waiting at most lockTimeout. */
    private boolean shredElsewhere(UUID subject, String lockTimeout) {
        return elsewhere("UPDATE data_key SET wrapped_key = NULL, kek_id = NULL, shredded_at = now()"
                + " WHERE subject_id = '" + subject + "' AND shredded_at IS NULL", lockTimeout);
    }

    /** Runs the statement in a transaction of another thread and connection, waiting at most lockTimeout: one row? */
    private boolean elsewhere(String sql, String lockTimeout) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
                    other.setAutoCommit(false);
                    statement.execute("SET LOCAL lock_timeout = '" + lockTimeout + "'");
                    int shredded = statement.executeUpdate(sql);
                    other.commit();
                    return shredded == 1;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
