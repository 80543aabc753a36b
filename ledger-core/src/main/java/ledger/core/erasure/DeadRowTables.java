package ledger.core.erasure;

import java.util.Set;

/**
 * Erasure deletes or overwrites a subject's rows here; PostgreSQL keeps their old versions on disk
 * until VACUUM. Each place declares its tables, and the vacuum after an erasure covers exactly
 * what was declared: a new purge cannot be forgotten in a hand-kept list.
 */
public interface DeadRowTables {

    /** Plain table names ({@code [a-z_][a-z0-9_]*}). */
    Set<String> tablesWithDeadRows();

    /**
     * Those of them that hold personal data in plain text. VACUUM frees a dead version's space
     * without overwriting its bytes, which a base backup or disk snapshot then copies: these tables
     * are rewritten (VACUUM FULL) after an erasure, so their files keep live rows only.
     */
    default Set<String> tablesWithPlaintext() {
        return Set.of();
    }
}
