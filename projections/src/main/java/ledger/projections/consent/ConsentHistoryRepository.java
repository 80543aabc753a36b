package ledger.projections.consent;

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
public interface ConsentHistoryRepository extends GenericRepository<ConsentHistoryRow, Long> {

    @Query(value = "INSERT INTO consent_history (member_id, seq, consent_id, type, purpose, policy_version, channel,"
            + " at, actor_principal, actor_role, notice_sha256, language, acting_user, event_id) VALUES (:memberId,"
            + " :seq, :consentId, :type, :purpose, :policyVersion, :channel, :at, :actorPrincipal, :actorRole,"
            + " :noticeSha256, :language, :actingUser, :eventId) ON CONFLICT (member_id, seq, purpose) DO NOTHING",
            nativeQuery = true)
    int insert(UUID memberId, long seq, UUID consentId, String type, String purpose, String policyVersion,
               @Nullable String channel, Instant at, String actorPrincipal, String actorRole,
               @Nullable String noticeSha256, @Nullable String language, @Nullable String actingUser,
               @Nullable String eventId);

    /** Closes every purpose whose last entry is a consent given, with an entry of type ERASED. */
    @Query(value = "INSERT INTO consent_history (member_id, seq, consent_id, type, purpose, policy_version, channel,"
            + " at, actor_principal, actor_role, acting_user, event_id)"
            + " SELECT :memberId, :seq, last.consent_id, 'ERASED', last.purpose, last.policy_version, NULL, :at,"
            + " :actorPrincipal, :actorRole, :actingUser, :eventId"
            + " FROM (SELECT DISTINCT ON (purpose) purpose, type, consent_id, policy_version FROM consent_history"
            + " WHERE member_id = :memberId AND seq < :seq ORDER BY purpose, seq DESC) last"
            + " WHERE last.type = 'GIVEN' ON CONFLICT (member_id, seq, purpose) DO NOTHING", nativeQuery = true)
    int closeOpenConsents(UUID memberId, long seq, Instant at, String actorPrincipal, String actorRole,
                          @Nullable String actingUser, @Nullable String eventId);

    /**
     * The members whose last event of the purpose at or before {@code at} is a grant, after {@code after} in
     * member order (the index consent_history_member_purpose, stopped at the page's end).
     */
    @Query(value = "SELECT * FROM (SELECT DISTINCT ON (member_id) * FROM consent_history WHERE purpose = :purpose"
            + " AND at <= :at AND member_id > :after ORDER BY member_id, at DESC, seq DESC) last"
            + " WHERE type = 'GIVEN' ORDER BY member_id LIMIT :limit", nativeQuery = true)
    List<ConsentHistoryRow> audience(String purpose, Instant at, UUID after, int limit);

    /** For each of the members, the last event of the purpose at or before {@code at} (none: no row). */
    @Query(value = "SELECT DISTINCT ON (member_id) * FROM consent_history WHERE purpose = :purpose AND at <= :at"
            + " AND member_id IN (:members) ORDER BY member_id, at DESC, seq DESC", nativeQuery = true)
    List<ConsentHistoryRow> lastAt(String purpose, Instant at, List<UUID> members);

    /** Which of the members the ledger knows (it has seen an event of theirs). */
    @Query(value = "SELECT member_id FROM consent_history_version WHERE member_id IN (:members)", nativeQuery = true)
    List<UUID> known(List<UUID> members);

    /*
     * Keyset paging, one query per filter: a catch-all "(:p IS NULL OR purpose = :p)" becomes a sequential scan
     * under a prepared statement's generic plan. Each form below has an index that serves it.
     */

    /** Every entry after the cursor (the primary key). */
    @Query(value = "SELECT * FROM consent_history WHERE id > :after ORDER BY id LIMIT :limit", nativeQuery = true)
    List<ConsentHistoryRow> page(long after, int limit);

    /** One purpose's entries after the cursor (consent_history_purpose). */
    @Query(value = "SELECT * FROM consent_history WHERE purpose = :purpose AND id > :after ORDER BY id LIMIT :limit",
            nativeQuery = true)
    List<ConsentHistoryRow> pageOfPurpose(long after, String purpose, int limit);

    /**
     * Entries in a time window after the cursor: the window's rows first (consent_history_at), then their order.
     * MATERIALIZED keeps a generic plan from walking the primary key through every row before the window.
     */
    @Query(value = "WITH w AS MATERIALIZED (SELECT * FROM consent_history WHERE at >= :fromAt AND at < :toAt"
            + " AND id > :after) SELECT * FROM w ORDER BY id LIMIT :limit", nativeQuery = true)
    List<ConsentHistoryRow> pageInWindow(long after, Instant fromAt, Instant toAt, int limit);

    /** One purpose's entries in a time window after the cursor (consent_history_purpose_at), as above. */
    @Query(value = "WITH w AS MATERIALIZED (SELECT * FROM consent_history WHERE purpose = :purpose AND at >= :fromAt"
            + " AND at < :toAt AND id > :after) SELECT * FROM w ORDER BY id LIMIT :limit", nativeQuery = true)
    List<ConsentHistoryRow> pageOfPurposeInWindow(long after, String purpose, Instant fromAt, Instant toAt, int limit);

    /** One member's consent events in the member's event order. */
    @Query(value = "SELECT * FROM consent_history WHERE member_id = :memberId ORDER BY seq", nativeQuery = true)
    List<ConsentHistoryRow> ofMember(UUID memberId);

    /** Records that the member's events up to {@code version} are reflected; never moves back. */
    @Query(value = "INSERT INTO consent_history_version (member_id, version) VALUES (:memberId, :version)"
            + " ON CONFLICT (member_id) DO UPDATE SET version = EXCLUDED.version"
            + " WHERE consent_history_version.version < EXCLUDED.version", nativeQuery = true)
    int advance(UUID memberId, long version);

    @Query(value = "SELECT * FROM consent_history_version WHERE member_id = :memberId", nativeQuery = true)
    Optional<ConsentHistoryVersionRow> versionOf(UUID memberId);

    @Query(value = "DELETE FROM consent_history", nativeQuery = true)
    int deleteAll();

    @Query(value = "DELETE FROM consent_history_version", nativeQuery = true)
    int deleteAllVersions();
}
