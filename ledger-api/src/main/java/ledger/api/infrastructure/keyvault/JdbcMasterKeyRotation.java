package ledger.api.infrastructure.keyvault;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.api.application.operations.MasterKeyRotation;

/** The MasterKeyRotation port as infrastructure implements it. */
@Component
public class JdbcMasterKeyRotation implements MasterKeyRotation {

    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final FleetMasterKey fleet;
    private final TransactionTemplate transactions;

    JdbcMasterKeyRotation(JdbcTemplate jdbc, MasterKeys masterKeys, FleetMasterKey fleet,
                      TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.fleet = fleet;
        this.transactions = transactions;
    }

    private static final Duration LOCKED_ROWS_WAIT = Duration.ofSeconds(30);

    @Override
    public Result rotate() {
        transactions.executeWithoutResult(status -> fleet.switchTo(masterKeys.currentId()));
        long rewrapped = 0;
        long deadline = System.nanoTime() + LOCKED_ROWS_WAIT.toNanos();
        while (true) {
            Integer done = transactions.execute(status -> rewrapBatch());
            if (done != null && done > 0) {
                rewrapped += done;
                continue;
            }
            // SKIP LOCKED passes over rows held by a writer (the erasure fence's share lock, a
            // rotation on another node): look again until none remain or the wait is over
            if (remaining() == 0 || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(masterKeys.currentId(), rewrapped, remaining());
    }

    private long remaining() {
        Long remaining = jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_id IS NOT NULL AND kek_id <> ?",
                Long.class, masterKeys.currentId());
        return remaining == null ? 0 : remaining;
    }

    private int rewrapBatch() {
        record Wrapped(UUID subject, String kekId, byte[] key) {
        }
        List<Wrapped> rows = jdbc.query("SELECT subject_id, kek_id, wrapped_key FROM data_key"
                        + " WHERE kek_id IS NOT NULL AND kek_id <> ? LIMIT ? FOR UPDATE SKIP LOCKED",
                (rs, i) -> new Wrapped(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)),
                masterKeys.currentId(), BATCH);
        for (Wrapped row : rows) {
            byte[] dataKey = masterKeys.unwrap(row.subject(), row.kekId(), row.key());
            jdbc.update("UPDATE data_key SET wrapped_key = ?, kek_id = ? WHERE subject_id = ? AND kek_id = ?",
                    masterKeys.wrap(row.subject(), dataKey, masterKeys.currentId()), masterKeys.currentId(),
                    row.subject(), row.kekId());
        }
        return rows.size();
    }
}
