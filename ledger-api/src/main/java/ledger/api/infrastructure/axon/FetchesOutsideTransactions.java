package ledger.api.infrastructure.axon;

import java.util.function.Supplier;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The event store's transaction manager, except for a fetch of tracked events that no transaction
 * surrounds: that runs its statements on a connection in auto-commit, each statement its own snapshot.
 * A fetch reads only (the events in a range, Axon's look past a range of holes), and in PostgreSQL's
 * read committed each statement sees its own snapshot inside a transaction too: the transaction
 * added a {@code BEGIN} and a {@code COMMIT} round trip per fetch and nothing else (1.4 fetches per
 * command, docs/performance.md, "Issue 32, eighth round"). Appends, aggregate loads and snapshots run
 * in their transactions as before; a fetch inside a transaction joins it.
 */
final class FetchesOutsideTransactions implements TransactionManager {

    private static final ThreadLocal<Boolean> FETCHING = ThreadLocal.withInitial(() -> false);

    private final TransactionManager transactions;

    FetchesOutsideTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        if (FETCHING.get() && !TransactionSynchronizationManager.isActualTransactionActive()) {
            return NoTransactionManager.instance().startTransaction();
        }
        return transactions.startTransaction();
    }

    /** Runs a fetch of tracked events: what it asks of this manager outside a transaction starts none. */
    static <T> T fetching(Supplier<T> fetch) {
        if (FETCHING.get()) {
            return fetch.get();
        }
        FETCHING.set(true);
        try {
            return fetch.get();
        } finally {
            FETCHING.remove();
        }
    }
}
