package ledger.api.infrastructure.keyvault;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The key rows the current transaction holds {@code FOR SHARE}, as it read them. While the
 * transaction holds a row's share lock nobody else can shred it (the shred, an UPDATE, waits), so
 * reading the row again in the same transaction can only answer what the first read answered:
 * {@link JdbcKeyVault} answers from here instead (a batch of a member's events, a command's load
 * and append, a read model's decryption and its shred fence). Forgotten when the transaction ends,
 * while it is suspended, when it shreds a key itself, and when it rolls back to a savepoint
 * ({@link #forgetAll()}): a rollback to a savepoint releases the locks taken after it.
 */
public final class HeldKeyRows {

    private static final Object RESOURCE = HeldKeyRows.class;

    record Row(byte[] wrappedKey, String kekId, boolean shredded) {
    }

    private final Map<UUID, Row> rows = new HashMap<>();

    private HeldKeyRows() {
    }

    /** This transaction's held rows; null outside a transaction (a lock then ends with its statement). */
    static HeldKeyRows current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        HeldKeyRows held = (HeldKeyRows) TransactionSynchronizationManager.getResource(RESOURCE);
        if (held == null) {
            HeldKeyRows fresh = new HeldKeyRows();
            TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            held = fresh;
        }
        return held;
    }

    /** The transaction rolled back to a savepoint: locks taken since are gone, so is what they guarded. */
    public static void forgetAll() {
        Object held = TransactionSynchronizationManager.getResource(RESOURCE);
        if (held instanceof HeldKeyRows rows) {
            rows.rows.clear();
        }
    }

    Row get(UUID subject) {
        return rows.get(subject);
    }

    void hold(UUID subject, Row row) {
        rows.put(subject, row);
    }

    void forget(UUID subject) {
        rows.remove(subject);
    }
}
