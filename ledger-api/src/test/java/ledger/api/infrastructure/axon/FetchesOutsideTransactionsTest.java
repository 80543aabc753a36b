package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class FetchesOutsideTransactionsTest {

    private final AtomicInteger started = new AtomicInteger();
    private final TransactionManager transactions = () -> {
        started.incrementAndGet();
        return new Transaction() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    };
    private final FetchesOutsideTransactions manager = new FetchesOutsideTransactions(transactions);

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void a_fetch_outside_any_transaction_starts_none() {
        String fetched = FetchesOutsideTransactions.fetching(() -> manager.fetchInTransaction(() -> "events"));

        assertThat(fetched).isEqualTo("events");
        assertThat(started).hasValue(0);
    }

    @Test
    void a_fetch_inside_a_transaction_goes_through_the_transaction_manager() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        FetchesOutsideTransactions.fetching(() -> manager.fetchInTransaction(() -> "events"));

        assertThat(started).hasValue(1);
    }

    @Test
    void everything_else_runs_in_a_transaction_as_before() {
        manager.executeInTransaction(() -> { });
        FetchesOutsideTransactions.fetching(() -> "fetched");
        manager.fetchInTransaction(() -> "snapshot");

        assertThat(started).as("the fetch's mark ends with the fetch").hasValue(2);
    }

    @Test
    void a_failed_fetch_leaves_no_mark_behind() {
        try {
            FetchesOutsideTransactions.fetching(() -> {
                throw new IllegalStateException("the database went away");
            });
        } catch (IllegalStateException expected) {
            // the next work is not a fetch
        }
        manager.executeInTransaction(() -> { });

        assertThat(started).hasValue(1);
    }
}
