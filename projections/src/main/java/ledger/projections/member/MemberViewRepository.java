package ledger.projections.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import jakarta.inject.Singleton;

/**
 * The member view's tables. Every change is guarded by the row's version, so an event applied
 * twice (a redelivery, a token reset) changes nothing the second time.
 */
@Singleton
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberViewRepository extends GenericRepository<MemberViewRow, UUID> {

    Optional<MemberViewRow> findById(UUID memberId);

    @Query(value = "INSERT INTO member_view (member_id, username, given_name, family_name, company, email, status,"
            + " downloads, registered_at, last_activity_at, erasure_due_at, version)"
            + " VALUES (:memberId, :username, :givenName, :familyName, :company, :email, 'ACTIVE', 0, :at, :at, NULL,"
            + " :version) ON CONFLICT (member_id) DO NOTHING", nativeQuery = true)
    int insertRegistered(UUID memberId, @Nullable String username, @Nullable String givenName,
                         @Nullable String familyName, @Nullable String company, @Nullable String email, Instant at,
                         long version);

    /** Claims the event for this row: 1 when it is new, 0 when the row already reflects it. */
    @Query(value = "UPDATE member_view SET version = :version, last_activity_at = :at"
            + " WHERE member_id = :memberId AND version < :version", nativeQuery = true)
    int advance(UUID memberId, long version, Instant at);

    /**
     * Claims a consent event and writes its consent in one statement (three before: claim, consent, objection):
     * 1 when it is new, 0 when the row already reflects it (nothing written then). The consent and the objection's
     * end follow from the claim's own result, never from a snapshot taken before a concurrent claim.
     */
    @Query(value = "WITH claimed AS (UPDATE member_view SET version = :version, last_activity_at = :at"
            + " WHERE member_id = :memberId AND version < :version RETURNING member_id),"
            // the objection by its key, as before: its plan cannot turn into a scan of all objections
            + " ended AS (DELETE FROM member_view_objection WHERE :endsObjection AND member_id = :memberId"
            + " AND purpose = :purpose AND EXISTS (SELECT 1 FROM claimed)),"
            + " consent AS (INSERT INTO member_view_consent (member_id, purpose, granted, policy_version, since)"
            + " SELECT member_id, :purpose, :granted, :policyVersion, :at FROM claimed"
            + " ON CONFLICT (member_id, purpose) DO UPDATE SET granted = EXCLUDED.granted,"
            + " policy_version = EXCLUDED.policy_version, since = EXCLUDED.since)"
            + " SELECT CAST(count(*) AS int) FROM claimed", nativeQuery = true)
    int claimConsent(UUID memberId, long version, Instant at, String purpose, boolean granted, String policyVersion,
                     boolean endsObjection);

    /** Claims an event that is no activity of the member (e.g. an extract issued by the DPM). */
    @Query(value = "UPDATE member_view SET version = :version WHERE member_id = :memberId AND version < :version",
            nativeQuery = true)
    int advanceVersion(UUID memberId, long version);

    @Query(value = "UPDATE member_view SET given_name = COALESCE(:givenName, given_name),"
            + " family_name = COALESCE(:familyName, family_name), company = COALESCE(:company, company),"
            + " email = COALESCE(:email, email) WHERE member_id = :memberId", nativeQuery = true)
    int updateProfile(UUID memberId, @Nullable String givenName, @Nullable String familyName,
                      @Nullable String company, @Nullable String email);

    @Query(value = "UPDATE member_view SET company = NULL WHERE member_id = :memberId", nativeQuery = true)
    int removeCompany(UUID memberId);

    @Query(value = "UPDATE member_view SET downloads = downloads + 1 WHERE member_id = :memberId", nativeQuery = true)
    int countDownload(UUID memberId);

    /** Claims a download ({@link #advance}) and counts it, in one statement: 1 when it is new. */
    @Query(value = "UPDATE member_view SET version = :version, last_activity_at = :at, downloads = downloads + 1"
            + " WHERE member_id = :memberId AND version < :version", nativeQuery = true)
    int claimDownload(UUID memberId, long version, Instant at);

    @Query(value = "UPDATE member_view SET status = 'ENDED', erasure_due_at = :erasureDueAt WHERE member_id = :memberId",
            nativeQuery = true)
    int endMembership(UUID memberId, Instant erasureDueAt);

    @Query(value = "UPDATE member_view SET status = 'ERASED', username = NULL, given_name = NULL, family_name = NULL,"
            + " company = NULL, email = NULL, erasure_due_at = NULL WHERE member_id = :memberId", nativeQuery = true)
    int erase(UUID memberId);

    /** An erased member consents to nothing: every purpose reads as not granted from the erasure on. */
    @Query(value = "UPDATE member_view_consent SET granted = FALSE, since = :at WHERE member_id = :memberId",
            nativeQuery = true)
    int withdrawAllConsents(UUID memberId, Instant at);

    @Query(value = "INSERT INTO member_view_download (member_id, seq, document_id, title, at)"
            + " VALUES (:memberId, :seq, :documentId, :title, :at) ON CONFLICT (member_id, seq) DO NOTHING",
            nativeQuery = true)
    int insertDownload(UUID memberId, long seq, @Nullable String documentId, @Nullable String title, Instant at);

    @Query(value = "SELECT * FROM member_view_download WHERE member_id = :memberId ORDER BY seq", nativeQuery = true)
    List<MemberDownloadRow> downloadsOf(UUID memberId);

    @Query(value = "DELETE FROM member_view_download WHERE member_id = :memberId", nativeQuery = true)
    int deleteDownloads(UUID memberId);

    @Query(value = "DELETE FROM member_view_download", nativeQuery = true)
    int deleteAllDownloads();

    @Query(value = "INSERT INTO member_view_profile_value (member_id, seq, field, value, at)"
            + " VALUES (:memberId, :seq, :field, :value, :at) ON CONFLICT (member_id, seq, field) DO NOTHING",
            nativeQuery = true)
    int insertProfileValue(UUID memberId, long seq, String field, @Nullable String value, Instant at);

    @Query(value = "SELECT * FROM member_view_profile_value WHERE member_id = :memberId ORDER BY field, seq",
            nativeQuery = true)
    List<MemberProfileValueRow> profileValuesOf(UUID memberId);

    @Query(value = "DELETE FROM member_view_profile_value WHERE member_id = :memberId", nativeQuery = true)
    int deleteProfileValues(UUID memberId);

    @Query(value = "DELETE FROM member_view_profile_value", nativeQuery = true)
    int deleteAllProfileValues();

    @Query(value = "UPDATE member_view SET restriction_ground = :ground, restricted_at = :at WHERE member_id = :memberId",
            nativeQuery = true)
    int restrict(UUID memberId, @Nullable String ground, @Nullable Instant at);

    @Query(value = "INSERT INTO member_view_objection (member_id, purpose, at) VALUES (:memberId, :purpose, :at)"
            + " ON CONFLICT (member_id, purpose) DO NOTHING", nativeQuery = true)
    int insertObjection(UUID memberId, String purpose, Instant at);

    @Query(value = "SELECT * FROM member_view_objection WHERE member_id = :memberId ORDER BY purpose",
            nativeQuery = true)
    List<MemberObjectionRow> objectionsOf(UUID memberId);

    @Query(value = "DELETE FROM member_view_objection", nativeQuery = true)
    int deleteAllObjections();

    @Query(value = "INSERT INTO member_view_hold (member_id, hold_id, ground, placed_at, review_by)"
            + " VALUES (:memberId, :holdId, :ground, :placedAt, :reviewBy) ON CONFLICT (member_id, hold_id) DO NOTHING",
            nativeQuery = true)
    int insertHold(UUID memberId, UUID holdId, String ground, Instant placedAt, @Nullable LocalDate reviewBy);

    @Query(value = "DELETE FROM member_view_hold WHERE member_id = :memberId AND hold_id = :holdId",
            nativeQuery = true)
    int deleteHold(UUID memberId, UUID holdId);

    @Query(value = "DELETE FROM member_view_hold WHERE member_id = :memberId", nativeQuery = true)
    int deleteHolds(UUID memberId);

    @Query(value = "DELETE FROM member_view_hold", nativeQuery = true)
    int deleteAllHolds();

    @Query(value = "SELECT * FROM member_view_hold WHERE member_id = :memberId ORDER BY placed_at, hold_id",
            nativeQuery = true)
    List<MemberHoldRow> holdsOf(UUID memberId);

    @Query(value = "SELECT * FROM member_view_consent WHERE member_id = :memberId ORDER BY purpose",
            nativeQuery = true)
    List<MemberConsentRow> consentsOf(UUID memberId);

    /**
     * Active members with a granted consent to one of {@code purposes} under a version whose
     * {@code purpose\nversion} pair is not in {@code upToDate}; member-id order after {@code after}. A semi-join
     * walked in member order that stops at the page's end (no DISTINCT over every granted row of the purposes).
     */
    @Query(value = "SELECT m.member_id FROM member_view m WHERE m.status = 'ACTIVE' AND m.member_id > :after"
            + " AND EXISTS (SELECT 1 FROM member_view_consent c WHERE c.member_id = m.member_id AND c.granted"
            + " AND c.purpose IN (:purposes) AND (c.purpose || chr(10) || c.policy_version) NOT IN (:upToDate))"
            + " ORDER BY m.member_id LIMIT :limit", nativeQuery = true)
    List<UUID> membersToReconsent(List<String> purposes, List<String> upToDate, UUID after, int limit);

    @Query(value = "DELETE FROM member_view_consent", nativeQuery = true)
    int deleteAllConsents();

    @Query(value = "DELETE FROM member_view", nativeQuery = true)
    int deleteAllMembers();

    /** Ended memberships whose erasure falls due before {@code before}, soonest first (the DPM's dashboard). */
    @Query(value = "SELECT * FROM member_view WHERE status = 'ENDED' AND erasure_due_at IS NOT NULL"
            + " AND erasure_due_at < :before ORDER BY erasure_due_at, member_id LIMIT :limit", nativeQuery = true)
    List<MemberViewRow> erasuresDueBefore(Instant before, int limit);

    /** Every open legal hold, the one to review first first (the DPM's dashboard). */
    @Query(value = "SELECT * FROM member_view_hold ORDER BY review_by NULLS FIRST, placed_at, hold_id LIMIT :limit",
            nativeQuery = true)
    List<MemberHoldRow> openHolds(int limit);
}
