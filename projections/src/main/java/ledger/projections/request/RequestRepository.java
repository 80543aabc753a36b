package ledger.projections.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;

@Singleton
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RequestRepository extends GenericRepository<RequestRow, UUID> {

    String OPEN = "completed_at IS NULL AND refused_at IS NULL";

    Optional<RequestRow> findById(UUID requestId);

    @Query(value = "INSERT INTO request_view (request_id, member_id, type, received_at, due_at)"
            + " VALUES (:requestId, :memberId, :type, :receivedAt, :dueAt) ON CONFLICT (request_id) DO NOTHING",
            nativeQuery = true)
    int insert(UUID requestId, @Nullable UUID memberId, String type, Instant receivedAt, Instant dueAt);

    @Query(value = "UPDATE request_view SET member_id = :memberId WHERE request_id = :requestId", nativeQuery = true)
    int link(UUID requestId, UUID memberId);

    @Query(value = "UPDATE request_view SET due_at = :dueAt, extended = true WHERE request_id = :requestId",
            nativeQuery = true)
    int extend(UUID requestId, Instant dueAt);

    @Query(value = "UPDATE request_view SET verified_at = :verifiedAt, verification_method = :method"
            + " WHERE request_id = :requestId", nativeQuery = true)
    int verify(UUID requestId, Instant verifiedAt, String method);

    @Query(value = "UPDATE request_view SET completed_at = :completedAt, result_type = :resultType,"
            + " result_seq = :resultSeq, answered_at = :answeredAt, late = :late, days_late = :daysLate,"
            + " closed_by_principal = :principal, closed_by_role = :role WHERE request_id = :requestId",
            nativeQuery = true)
    int complete(UUID requestId, Instant completedAt, String resultType, @Nullable Long resultSeq,
                 @Nullable Instant answeredAt,
                 @Nullable Boolean late, @Nullable Long daysLate, String principal, String role);

    @Query(value = "UPDATE request_view SET refused_at = :refusedAt, late = :late, days_late = :daysLate,"
            + " closed_by_principal = :principal, closed_by_role = :role WHERE request_id = :requestId",
            nativeQuery = true)
    int refuse(UUID requestId, Instant refusedAt, boolean late, long daysLate, String principal, String role);

    @Query(value = "SELECT * FROM request_view WHERE " + OPEN + " ORDER BY due_at, request_id LIMIT :limit",
            nativeQuery = true)
    List<RequestRow> open(int limit);

    /** Open and due from {@code now} (not overdue) until before {@code until}. */
    @Query(value = "SELECT * FROM request_view WHERE " + OPEN + " AND due_at >= :now AND due_at < :until"
            + " ORDER BY due_at, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> dueSoon(Instant now, Instant until, int limit);

    @Query(value = "SELECT * FROM request_view WHERE " + OPEN + " AND due_at < :now"
            + " ORDER BY due_at, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> overdue(Instant now, int limit);

    @Query(value = "SELECT count(*) FROM request_view WHERE " + OPEN + " AND due_at < :now", nativeQuery = true)
    long countOverdue(Instant now);

    @Query(value = "SELECT * FROM request_view WHERE completed_at IS NOT NULL"
            + " ORDER BY completed_at DESC, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> completed(int limit);

    @Query(value = "SELECT * FROM request_view WHERE refused_at IS NOT NULL"
            + " ORDER BY refused_at DESC, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> refused(int limit);

    @Query(value = "INSERT INTO request_view_event (request_id, seq, type, at, actor_principal, actor_role, details)"
            + " VALUES (:requestId, :seq, :type, :at, :actorPrincipal, :actorRole, :details)"
            + " ON CONFLICT (request_id, seq) DO NOTHING", nativeQuery = true)
    int insertEvent(UUID requestId, long seq, String type, Instant at, String actorPrincipal, String actorRole,
                    String details);

    @Query(value = "SELECT * FROM request_view_event WHERE request_id = :requestId ORDER BY seq", nativeQuery = true)
    List<RequestEventRow> trailOf(UUID requestId);

    /** After the member's erasure masked fields read as the erased placeholder, as a replay builds them. */
    @Query(value = "UPDATE request_view_event SET details = replace(details, :masked, :erased) WHERE request_id IN"
            + " (SELECT request_id FROM request_view WHERE member_id = :memberId)", nativeQuery = true)
    int markErased(UUID memberId, String masked, String erased);

    @Query(value = "DELETE FROM request_view_event", nativeQuery = true)
    int deleteAllEvents();

    @Query(value = "DELETE FROM request_view", nativeQuery = true)
    int deleteAll();
}
