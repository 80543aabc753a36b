package ledger.api.infrastructure.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a database outage (retry later) from a bug, without reading any exception message. */
public final class DatabaseFailures {

    private static final int MAX_DEPTH = 20;

    private DatabaseFailures() {
    }

    /**
     * The database is unreachable or the transaction's fate is unknown, so the client should retry:
     * no connection, a failed commit, or an SQL error of class 08 (connection), 40 (serialization
     * failure, deadlock), 53 (insufficient resources), 57 (shutdown, cannot connect now), 58 (system
     * error), or none at all (the pool's "connection closed").
     */
    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SQLState of an SQL failure, for logs: a class of error, never data. */
    public static String sqlState(Throwable failure) {
        return failure instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
