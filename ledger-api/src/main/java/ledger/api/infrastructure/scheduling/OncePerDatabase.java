package ledger.api.infrastructure.scheduling;

import java.util.function.IntSupplier;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A one-time job at start (a backfill): run by one node at a time (a session advisory lock, skipped by a node
 * that does not get it) and never again once it ran to its end on some node (a row in {@code ledger_once}).
 */
public final class OncePerDatabase {

    private OncePerDatabase() {
    }

    /** Runs {@code job} unless done or running elsewhere; answers its count, 0 when it did not run. */
    public static int run(JdbcTemplate jdbc, String name, long lock, IntSupplier job) {
        Integer count = jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var locking = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                locking.setLong(1, lock);
                try (var rs = locking.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try {
                Integer done = jdbc.queryForObject("SELECT count(*) FROM ledger_once WHERE name = ?", Integer.class,
                        name);
                if (done != null && done > 0) {
                    return 0;
                }
                int result = job.getAsInt();
                jdbc.update("INSERT INTO ledger_once (name) VALUES (?) ON CONFLICT DO NOTHING", name);
                return result;
            } finally {
                try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, lock);
                    unlock.execute();
                }
            }
        });
        return count == null ? 0 : count;
    }
}
