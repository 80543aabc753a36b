package ledger.projections.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;

@Singleton
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RequestRepository extends GenericRepository<RequestRow, UUID> {

    Optional<RequestRow> findById(UUID requestId);

    @Query(value = "INSERT INTO request_view (request_id, member_id, type, received_at, due_at)"
            + " VALUES (:requestId, :memberId, :type, :receivedAt, :dueAt) ON CONFLICT (request_id) DO NOTHING",
            nativeQuery = true)
    int insert(UUID requestId, UUID memberId, String type, Instant receivedAt, Instant dueAt);

    @Query(value = "UPDATE request_view SET due_at = :dueAt, extended = true WHERE request_id = :requestId",
            nativeQuery = true)
    int extend(UUID requestId, Instant dueAt);

    @Query(value = "UPDATE request_view SET completed_at = :completedAt, result_type = :resultType,"
            + " result_seq = :resultSeq WHERE request_id = :requestId", nativeQuery = true)
    int complete(UUID requestId, Instant completedAt, String resultType, long resultSeq);

    @Query(value = "SELECT * FROM request_view WHERE completed_at IS NULL ORDER BY due_at, request_id LIMIT :limit",
            nativeQuery = true)
    List<RequestRow> open(int limit);

    @Query(value = "SELECT * FROM request_view WHERE completed_at IS NULL AND due_at < :now"
            + " ORDER BY due_at, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> overdue(Instant now, int limit);

    @Query(value = "SELECT * FROM request_view WHERE completed_at IS NOT NULL"
            + " ORDER BY completed_at DESC, request_id LIMIT :limit", nativeQuery = true)
    List<RequestRow> completed(int limit);

    @Query(value = "DELETE FROM request_view", nativeQuery = true)
    int deleteAll();
}
