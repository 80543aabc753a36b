package ledger.api.infrastructure.persistence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.api.application.idempotency.IdempotencyStore;
import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.keyvault.RequestDigests;
import ledger.core.erasure.DeadRowTables;
import ledger.core.erasure.ShredFence;
import ledger.core.erasure.SubjectDataPurge;
import ledger.core.member.Usernames;

/** The IdempotencyStore port as infrastructure implements it. */
@Component
public class JdbcIdempotencyStore implements SubjectDataPurge, DeadRowTables, IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ShredFence fence;
    private final RequestDigests digests;
    private final Duration retention;

    JdbcIdempotencyStore(JdbcTemplate jdbc, TransactionTemplate transactions, ShredFence fence, RequestDigests digests,
                     LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.fence = fence;
        this.digests = digests;
        this.retention = properties.idempotency().retention();
    }

    /**
     * True when this call reserved the key for {@code request} (method, path and body); false when a
     * live record exists already.
     */
    @Override
    public boolean reserve(String caller, String key, byte[] request, UUID subject) {
        // one statement: a new key is inserted, an expired record is replaced as if it had been deleted first,
        // a live one is left alone (and no row is counted)
        return jdbc.update("INSERT INTO idempotency_record (caller, key, request_hash, state, subject_id)"
                + " VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT (caller, key) DO UPDATE SET"
                + " request_hash = EXCLUDED.request_hash, state = 'PENDING', status = NULL, content_type = NULL,"
                + " location = NULL, body = NULL, subject_id = EXCLUDED.subject_id, created_at = now()"
                + " WHERE idempotency_record.created_at < ?", caller, key, digests.digest(request), subject,
                expiredBefore()) == 1;
    }

    /** Whether a stored record was made for this very request. */
    @Override
    public boolean sameRequest(Stored stored, byte[] request) {
        return digests.matches(stored.requestHash(), request);
    }

    /** The member a data-subject request concerns, while the ledger knows the request. */
    @Override
    public Optional<UUID> memberOfRequest(UUID requestId) {
        return jdbc.query("SELECT member_id FROM request_book WHERE request_id = ?"
                        + " UNION ALL SELECT member_id FROM request_view WHERE request_id = ? LIMIT 1",
                (rs, i) -> rs.getObject(1, UUID.class), requestId, requestId).stream().findFirst();
    }

    /** The member who holds a username (or its look-alike): the subject of a refused registration. */
    @Override
    public Optional<UUID> holderOfUsername(String username) {
        if (!Usernames.valid(username)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT member_id FROM username_claim WHERE username_digest = ? OR username_key = ?",
                (rs, i) -> rs.getObject(1, UUID.class), JdbcUsernameRegistry.digest(username),
                Usernames.keyDigest(username)).stream().findFirst();
    }

    @Override
    public Optional<Stored> find(String caller, String key) {
        List<Stored> rows = jdbc.query("SELECT request_hash, state, status, content_type, location, body"
                        + " FROM idempotency_record WHERE caller = ? AND key = ?",
                (rs, i) -> new Stored(rs.getBytes(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6)),
                caller, key);
        return rows.stream().findFirst();
    }

    /**
     * Stores the answer; when the subject was erased meanwhile, deletes the record instead, so a
     * request that finishes after an erasure leaves nothing behind.
     */
    @Override
    public void complete(String caller, String key, int status, String contentType, String location, byte[] body,
                         UUID subject) {
        transactions.executeWithoutResult(tx -> {
            if (subject != null && fence.shreddedHolding(subject)) {
                jdbc.update("DELETE FROM idempotency_record WHERE caller = ? AND key = ?", caller, key);
                return;
            }
            jdbc.update("UPDATE idempotency_record SET state = 'DONE', status = ?, content_type = ?, location = ?,"
                    + " body = ?, subject_id = COALESCE(subject_id, ?) WHERE caller = ? AND key = ?",
                    status, contentType, location, body, subject, caller, key);
        });
    }

    @Override
    public void release(String caller, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE caller = ? AND key = ? AND state = 'PENDING'", caller, key);
    }

    /** Erasure removes every record about the subject: request hashes and answers concern the member. */
    @Override
    public void purge(UUID subject) {
        jdbc.update("DELETE FROM idempotency_record WHERE subject_id = ?", subject);
    }

    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("idempotency_record");
    }

    /** Deletes the records older than the retention; answers how many. */
    public int deleteExpired() {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", expiredBefore());
    }

    private Timestamp expiredBefore() {
        return Timestamp.from(Instant.now().minus(retention));
    }
}
