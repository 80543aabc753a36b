package ledger.projections.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.consent.FindConsentEvents;
import ledger.core.consent.FindAudience;
import ledger.core.consent.FindConsentStates;
import ledger.core.consent.FindMemberConsents;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;
import ledger.core.shared.Actor;
import ledger.projections.history.ConsentEntry;
import ledger.projections.support.BatchedRows;

/**
 * The consent history auditors query (Art. 7(1)): who consented or withdrew (and who acted through
 * the portal), when, to which purpose, under which notice (version, SHA-256 of its text, language),
 * by which channel. Runs on one segment so that ids, the
 * paging cursor, follow commit order. Per member it also records the last member event it
 * reflects (the version), so a member's consent history can be read as of the member's last event.
 */
@Component
@ProcessingGroup(ConsentHistoryProjection.NAME)
public class ConsentHistoryProjection {

    public static final String NAME = "consent-history";

    private final ConsentHistoryRepository rows;

    public ConsentHistoryProjection(ConsentHistoryRepository rows) {
        this.rows = rows;
    }

    /** A batch's consent events, written in one statement at its end, in the order of the events (the ids). */
    static final BatchedRows.Table<ConsentHistoryRow> ENTRIES = BatchedRows.Table.<ConsentHistoryRow>into("consent_history")
            .column("member_id", "uuid", ConsentHistoryRow::memberId)
            .column("seq", "bigint", ConsentHistoryRow::seq)
            .column("consent_id", "uuid", ConsentHistoryRow::consentId)
            .column("type", "text", ConsentHistoryRow::type)
            .column("purpose", "text", ConsentHistoryRow::purpose)
            .column("policy_version", "text", ConsentHistoryRow::policyVersion)
            .column("channel", "text", ConsentHistoryRow::channel)
            .column("at", "timestamptz", ConsentHistoryRow::at)
            .column("actor_principal", "text", ConsentHistoryRow::actorPrincipal)
            .column("actor_role", "text", ConsentHistoryRow::actorRole)
            .column("notice_sha256", "text", ConsentHistoryRow::noticeSha256)
            .column("language", "text", ConsentHistoryRow::language)
            .column("acting_user", "text", ConsentHistoryRow::actingUser)
            .column("event_id", "text", ConsentHistoryRow::eventId)
            .build("ON CONFLICT (member_id, seq, purpose) DO NOTHING");

    /**
     * A batch's versions: one per member, its last event of the batch, in member order (an upsert may touch a
     * row only once per statement; the order keeps the locks' order).
     */
    static final BatchedRows.Table<Version> VERSIONS = BatchedRows.Table.statement(
            "INSERT INTO consent_history_version (member_id, version)"
                    + " SELECT CAST(member AS uuid), max(CAST(version AS bigint))"
                    + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS rows(member, version)"
                    + " GROUP BY 1 ORDER BY 1"
                    + " ON CONFLICT (member_id) DO UPDATE SET version = EXCLUDED.version"
                    + " WHERE consent_history_version.version < EXCLUDED.version",
            Version::memberId, Version::version);

    /** The member's events up to {@code version} are reflected. */
    record Version(UUID memberId, long version) {
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        insert(new ConsentHistoryRow(null, event.memberId().value(), sequence, event.consentId(), "GIVEN",
                event.purpose(), event.policyVersion(), event.channel(), event.at(), event.by().principal(),
                event.by().role(), event.noticeSha256(), event.language(), event.by().actingUser(), eventId));
        advance(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        insert(new ConsentHistoryRow(null, event.memberId().value(), sequence, event.consentId(), "WITHDRAWN",
                event.purpose(), event.policyVersion(), event.channel() == null ? null : event.channel().wire(),
                event.at(), event.by().principal(), event.by().role(), null, null, event.by().actingUser(), eventId));
        advance(event.memberId().value(), sequence);
    }

    /**
     * Every other member event only moves the member's version. The handler takes the message, not
     * the payload, so the event is never deserialized (nor decrypted) here.
     */
    @EventHandler(payloadType = MemberEvent.class)
    void on(DomainEventMessage<?> event) {
        advance(UUID.fromString(event.getAggregateIdentifier()), event.getSequenceNumber());
    }

    /** An erased member consents to nothing: each purpose still granted is closed by the erasure. */
    @EventHandler
    void on(MemberErased event, @SequenceNumber long sequence, @MessageIdentifier String eventId) {
        // the purposes' last entries may be among the batch's rows
        BatchedRows.flush();
        rows.closeOpenConsents(event.memberId().value(), sequence, event.at(), event.by().principal(),
                event.by().role(), event.by().actingUser(), eventId);
        advance(event.memberId().value(), sequence);
    }

    private void insert(ConsentHistoryRow row) {
        BatchedRows.add(ENTRIES, row, () -> rows.insert(row.memberId(), row.seq(), row.consentId(), row.type(),
                row.purpose(), row.policyVersion(), row.channel(), row.at(), row.actorPrincipal(), row.actorRole(),
                row.noticeSha256(), row.language(), row.actingUser(), row.eventId()));
    }

    private void advance(UUID member, long version) {
        BatchedRows.add(VERSIONS, new Version(member, version), () -> rows.advance(member, version));
    }

    @ResetHandler
    void reset() {
        rows.deleteAll();
        rows.deleteAllVersions();
    }

    @QueryHandler
    public ConsentEvents handle(FindConsentEvents query) {
        if (query.from() == null && query.to() == null) {
            return new ConsentEvents(query.purpose() == null ? rows.page(query.after(), query.limit())
                    : rows.pageOfPurpose(query.after(), query.purpose(), query.limit()));
        }
        // an open end of the window: a bound no stored time passes (keeps one query, and its index, per filter)
        Instant from = query.from() == null ? EARLIEST : query.from();
        Instant to = query.to() == null ? LATEST : query.to();
        return new ConsentEvents(query.purpose() == null ? rows.pageInWindow(query.after(), from, to, query.limit())
                : rows.pageOfPurposeInWindow(query.after(), query.purpose(), from, to, query.limit()));
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    @QueryHandler
    public Audience handle(FindAudience query) {
        UUID after = query.after() == null ? new UUID(0, 0) : query.after();
        return new Audience(rows.audience(query.purpose(), query.at(), after, query.limit()).stream()
                .map(ConsentHistoryRow::memberId).toList());
    }

    @QueryHandler
    public ConsentStates handle(FindConsentStates query) {
        if (query.memberIds().isEmpty()) {
            return new ConsentStates(List.of(), List.of());
        }
        return new ConsentStates(rows.lastAt(query.purpose(), query.at(), query.memberIds()).stream()
                .map(ConsentHistoryProjection::entryOf).toList(), rows.known(query.memberIds()));
    }

    /** A page of the members who consent to a purpose at a moment. */
    public record Audience(List<UUID> memberIds) {
    }

    /** The last consent event of a purpose per member ({@code last}) and which of the members are known at all. */
    public record ConsentStates(List<LastConsentEvent> last, List<UUID> known) {
    }

    /** A member's last consent event of a purpose: its type (GIVEN or not), the consent, notice and event. */
    public record LastConsentEvent(UUID memberId, String type, UUID consentId, String policyVersion,
                                   String noticeSha256, String eventId) {
    }

    private static LastConsentEvent entryOf(ConsentHistoryRow row) {
        return new LastConsentEvent(row.memberId(), row.type(), row.consentId(), row.policyVersion(),
                row.noticeSha256(), row.eventId());
    }

    @QueryHandler
    public MemberConsents handle(FindMemberConsents query) {
        UUID member = query.memberId().value();
        // The version first: a batch commits its rows and versions together, so the rows read
        // afterwards reflect at least that version (reading the other way round could claim more).
        long version = rows.versionOf(member).map(ConsentHistoryVersionRow::version).orElse(-1L);
        return new MemberConsents(rows.ofMember(member).stream().map(ConsentHistoryProjection::entry).toList(),
                version);
    }

    private static ConsentEntry entry(ConsentHistoryRow row) {
        return new ConsentEntry(row.seq(), row.type(), row.purpose(), row.policyVersion(), row.noticeSha256(),
                row.channel(), row.at(), new Actor(row.actorPrincipal(), row.actorRole(), row.actingUser()),
                row.eventId());
    }

    /** A list wrapper, so the query's response type is concrete. */
    public record ConsentEvents(List<ConsentHistoryRow> entries) {
    }

    /** One member's consent events and the last member event they reflect (-1: none). */
    public record MemberConsents(List<ConsentEntry> entries, long version) {
    }
}
