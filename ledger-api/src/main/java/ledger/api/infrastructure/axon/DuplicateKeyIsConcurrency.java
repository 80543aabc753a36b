package ledger.api.infrastructure.axon;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * A unique-key violation while appending events means another node appended the same
 * (aggregate, sequence) first: a concurrency conflict to retry, not a failure. Axon's default
 * resolver compares vendor error codes, which PostgreSQL leaves at 0; the SQL state is reliable.
 */
final class DuplicateKeyIsConcurrency implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
