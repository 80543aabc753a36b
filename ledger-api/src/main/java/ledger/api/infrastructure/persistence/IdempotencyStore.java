package ledger.api.infrastructure.persistence;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.crypto.DeadRowTables;
import ledger.core.crypto.SubjectDataPurge;

/**
 * Idempotency records in PostgreSQL, so a key holds across restarts and nodes. Each statement
 * commits on its own: a key is reserved before the request runs and completed after it.
 */
@Component
public class IdempotencyStore implements SubjectDataPurge, DeadRowTables {

    public record Stored(byte[] requestHash, String state, Integer status, String contentType, String location,
                  byte[] body) {
        public boolean completed() {
            return "DONE".equals(state);
        }
    }

    private final JdbcTemplate jdbc;

    IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this call reserved the key; false when a record exists already. */
    public boolean reserve(String caller, String key, byte[] requestHash) {
        return jdbc.update("INSERT INTO idempotency_record (caller, key, request_hash, state) VALUES (?, ?, ?, 'PENDING')"
                + " ON CONFLICT DO NOTHING", caller, key, requestHash) == 1;
    }

    public Optional<Stored> find(String caller, String key) {
        List<Stored> rows = jdbc.query("SELECT request_hash, state, status, content_type, location, body"
                        + " FROM idempotency_record WHERE caller = ? AND key = ?",
                (rs, i) -> new Stored(rs.getBytes(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6)),
                caller, key);
        return rows.stream().findFirst();
    }

    public void complete(String caller, String key, int status, String contentType, String location, byte[] body,
                  UUID subjectId) {
        jdbc.update("UPDATE idempotency_record SET state = 'DONE', status = ?, content_type = ?, location = ?,"
                + " body = ?, subject_id = ? WHERE caller = ? AND key = ?",
                status, contentType, location, body, subjectId, caller, key);
    }

    public void release(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE caller = ? AND key = ? AND state = 'PENDING'", caller, key);
    }

    /** Erasure removes every stored answer about the subject: they may echo personal data. */
    @Override
    public void purge(UUID subject) {
        jdbc.update("DELETE FROM idempotency_record WHERE subject_id = ?", subject);
    }

    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("idempotency_record");
    }
}
