package ledger.projections.erasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;

@Singleton
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ErasureReceiptRepository extends GenericRepository<ErasureReceiptRow, UUID> {

    @Query(value = "INSERT INTO erasure_receipt (subject_id, subject_type, ground, erased_at, actor_principal,"
            + " actor_role, automatic) VALUES (:subjectId, :subjectType, :ground, :erasedAt, :actorPrincipal,"
            + " :actorRole, :automatic) ON CONFLICT (subject_id) DO NOTHING", nativeQuery = true)
    int insert(UUID subjectId, String subjectType, String ground, Instant erasedAt, String actorPrincipal,
               String actorRole, boolean automatic);

    @Query(value = "SELECT * FROM erasure_receipt WHERE (CAST(:fromAt AS TIMESTAMPTZ) IS NULL OR erased_at >= :fromAt)"
            + " AND (CAST(:toAt AS TIMESTAMPTZ) IS NULL OR erased_at < :toAt) ORDER BY erased_at, subject_id"
            + " LIMIT :limit", nativeQuery = true)
    List<ErasureReceiptRow> between(@Nullable Instant fromAt, @Nullable Instant toAt, int limit);

    @Query(value = "SELECT * FROM erasure_receipt WHERE subject_id = :subjectId", nativeQuery = true)
    List<ErasureReceiptRow> of(UUID subjectId);

    @Query(value = "DELETE FROM erasure_receipt", nativeQuery = true)
    int deleteAll();
}
