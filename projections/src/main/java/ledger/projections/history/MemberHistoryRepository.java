package ledger.projections.history;

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
public interface MemberHistoryRepository extends GenericRepository<MemberHistoryRow, Long> {

    @Query(value = "INSERT INTO member_history (member_id, seq, type, at, actor_principal, actor_role, details,"
            + " acting_user) VALUES (:memberId, :seq, :type, :at, :actorPrincipal, :actorRole, :details, :actingUser)"
            + " ON CONFLICT (member_id, seq) DO NOTHING", nativeQuery = true)
    int insert(UUID memberId, long seq, String type, Instant at, String actorPrincipal, String actorRole,
               String details, @Nullable String actingUser);

    @Query(value = "SELECT * FROM member_history WHERE member_id = :memberId ORDER BY seq", nativeQuery = true)
    List<MemberHistoryRow> trailOf(UUID memberId);

    /** After erasure the masked fields read as the erased placeholder, exactly as a replay builds them. */
    @Query(value = "UPDATE member_history SET details = replace(details, :masked, :erased)"
            + " WHERE member_id = :memberId", nativeQuery = true)
    int markErased(UUID memberId, String masked, String erased);

    @Query(value = "DELETE FROM member_history", nativeQuery = true)
    int deleteAll();
}
