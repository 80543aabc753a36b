package ledger.projections.member;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.consent.FindMembersToReconsent;
import ledger.core.erasure.ShredFence;
import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.ErasureDeferred;
import ledger.core.member.ErasureDue;
import ledger.core.member.FindMember;
import ledger.core.member.InactivityWarned;
import ledger.core.member.LegalHoldPlaced;
import ledger.core.member.LegalHoldReleased;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;
import ledger.core.member.MemberRegistered;
import ledger.core.member.MembershipEnded;
import ledger.core.member.ObjectionRecorded;
import ledger.core.member.PortalUsed;
import ledger.core.member.ProcessingRestricted;
import ledger.core.member.ProfileEdited;
import ledger.core.member.ProfileFieldRemoved;
import ledger.core.member.RegisterExtractIssued;
import ledger.core.member.RestrictionLifted;
import ledger.projections.support.BatchedRows;

/**
 * The member view (GET /members/{id}). Rows commit with the processor's token; each handler first
 * claims the event through the row version, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(MemberViewProjection.NAME)
public class MemberViewProjection {

    public static final String NAME = "member-view";

    private final MemberViewRepository rows;
    private final ShredFence fence;

    public MemberViewProjection(MemberViewRepository rows, ShredFence fence) {
        this.rows = rows;
        this.fence = fence;
    }

    // Every handler first holds the member's key against a concurrent erasure (see ShredFence), then
    // claims the event. Once the key is shredded no personal field is written: events decrypted
    // before the shred but projected after it, and a replay of an erased member, keep only what is
    // no personal data (version, activity, counts, consent rows as not granted), so a replay builds
    // the same view as incremental processing did. Fencing before any write of the member's rows
    // keeps the lock order of an erasure (key row, then view rows): the two cannot deadlock.

    @EventHandler
    void on(MemberRegistered event, @SequenceNumber long sequence, ReplayStatus status) {
        UUID id = event.memberId().value();
        if (fence.shreddedHolding(id)) {
            rows.insertRegistered(id, null, null, null, null, null, event.at(), sequence);
            rows.erase(id);
            return;
        }
        ClaimedRows claimed = ClaimedRows.before(id);
        if (claimed != null && status.isReplay()) {
            // a rebuild's registration: the row is written at the batch's end, with what its consents and
            // downloads in the batch make of it (a replay emptied the view: no row can be there before)
            NewMember member = new NewMember(id, event.username(), event.givenName(), event.familyName(),
                    event.company(), event.email(), event.at(), sequence);
            BatchedRows.add(NEW_MEMBERS, member, () -> {
                throw new IllegalStateException("a new member's row is only collected by a batch");
            });
            claimed.registered(member);
        } else {
            // a row the batch inserted is locked by it as a claimed one is: its later downloads are collected
            claimed(claimed, id, sequence, rows.insertRegistered(id, event.username(), event.givenName(),
                    event.familyName(), event.company(), event.email(), event.at(), sequence));
        }
        profileValues(id, sequence, event.at(), event.givenName(), event.familyName(), event.company(), event.email());
    }

    /** A registration that is no replayed one, for direct callers (tests); Axon calls the handler above. */
    void on(MemberRegistered event, long sequence) {
        on(event, sequence, ReplayStatus.REGULAR);
    }

    /**
     * A member a replaying batch registered, its row not written yet: the batch's consents and downloads of the
     * member move it here (version, activity, count) and its consents wait in {@link #NEW_CONSENTS}. Any other
     * statement on the member's rows writes the batch's new rows first ({@link ClaimedRows#before}); once written
     * it is a row the batch claimed.
     */
    static final class NewMember {
        final UUID memberId;
        final String username;
        final String givenName;
        final String familyName;
        final String company;
        final String email;
        final Instant registeredAt;
        long version;
        Instant lastActivityAt;
        long downloads;

        NewMember(UUID memberId, String username, String givenName, String familyName, String company, String email,
                  Instant registeredAt, long version) {
            this.memberId = memberId;
            this.username = username;
            this.givenName = givenName;
            this.familyName = familyName;
            this.company = company;
            this.email = email;
            this.registeredAt = registeredAt;
            this.version = version;
            this.lastActivityAt = registeredAt;
        }
    }

    /** The batch's new members, one insert; each must be new (a row already there fails the batch). */
    static final BatchedRows.Table<NewMember> NEW_MEMBERS = BatchedRows.Table.<NewMember>into("member_view")
            .column("member_id", "uuid", m -> m.memberId)
            .column("username", "text", m -> m.username)
            .column("given_name", "text", m -> m.givenName)
            .column("family_name", "text", m -> m.familyName)
            .column("company", "text", m -> m.company)
            .column("email", "text", m -> m.email)
            .column("status", "text", m -> "ACTIVE")
            .column("downloads", "bigint", m -> m.downloads)
            .column("registered_at", "timestamptz", m -> m.registeredAt)
            .column("last_activity_at", "timestamptz", m -> m.lastActivityAt)
            .column("version", "bigint", m -> m.version)
            .build("ON CONFLICT (member_id) DO NOTHING")
            .expecting(List::size)
            .whenWritten(written -> ClaimedRows.ofBatch().written(written));

    /** A consent of a member the batch registered: its last per purpose is written with the new rows. */
    record NewConsent(UUID memberId, String purpose, boolean granted, String policyVersion, Instant since) {
    }

    static final BatchedRows.Table<NewConsent> NEW_CONSENTS = BatchedRows.Table.statement(
            "INSERT INTO member_view_consent (member_id, purpose, granted, policy_version, since)"
                    + " SELECT DISTINCT ON (member, purpose) CAST(member AS uuid), purpose, CAST(granted AS boolean),"
                    + " policy_version, CAST(since AS timestamptz) FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                    + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY"
                    + " AS rows(member, purpose, granted, policy_version, since, position)"
                    + " ORDER BY member, purpose, position DESC"
                    + " ON CONFLICT (member_id, purpose) DO UPDATE SET granted = EXCLUDED.granted,"
                    + " policy_version = EXCLUDED.policy_version, since = EXCLUDED.since",
            NewConsent::memberId, NewConsent::purpose, NewConsent::granted, NewConsent::policyVersion,
            NewConsent::since);

    /** A batch's profile values, written in one statement at its end (personal data, under the batch's fence). */
    static final BatchedRows.Table<MemberProfileValueRow> PROFILE_VALUES = BatchedRows.Table
            .<MemberProfileValueRow>into("member_view_profile_value")
            .column("member_id", "uuid", MemberProfileValueRow::memberId)
            .column("seq", "bigint", MemberProfileValueRow::seq)
            .column("field", "text", MemberProfileValueRow::field)
            .column("value", "text", MemberProfileValueRow::value)
            .column("at", "timestamptz", MemberProfileValueRow::at)
            .build("ON CONFLICT (member_id, seq, field) DO NOTHING");

    /** A batch's downloads, written in one statement at its end (personal data, under the batch's fence). */
    static final BatchedRows.Table<MemberDownloadRow> DOWNLOADS = BatchedRows.Table
            .<MemberDownloadRow>into("member_view_download")
            .column("member_id", "uuid", MemberDownloadRow::memberId)
            .column("seq", "bigint", MemberDownloadRow::seq)
            .column("document_id", "text", MemberDownloadRow::documentId)
            .column("title", "text", MemberDownloadRow::title)
            .column("at", "timestamptz", MemberDownloadRow::at)
            .build("ON CONFLICT (member_id, seq) DO NOTHING");

    /** The values the event gave the profile's fields, kept until erasure (the extract's past values). */
    private void profileValues(UUID member, long sequence, Instant at, String givenName, String familyName,
                               String company, String email) {
        String[][] fields = {{"givenName", givenName}, {"familyName", familyName}, {"company", company},
                {"email", email}};
        for (String[] field : fields) {
            if (field[1] != null) {
                MemberProfileValueRow value = new MemberProfileValueRow(null, member, sequence, field[0], field[1], at);
                BatchedRows.add(PROFILE_VALUES, value, () -> rows.insertProfileValue(value.memberId(), value.seq(),
                        value.field(), value.value(), value.at()));
            }
        }
    }

    /** A fresh consent to a purpose ends the member's objection to it. */
    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        claimConsent(event, sequence, event.purpose(), !erased, event.policyVersion(), true);
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        claimConsent(event, sequence, event.purpose(), false, event.policyVersion(), false);
    }

    @EventHandler
    void on(DocumentDownloaded event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        if (claimDownload(event.memberId().value(), sequence, event.at()) && !erased) {
            MemberDownloadRow download = new MemberDownloadRow(null, event.memberId().value(), sequence,
                    event.documentId(), event.title(), event.at());
            BatchedRows.add(DOWNLOADS, download, () -> rows.insertDownload(download.memberId(), download.seq(),
                    download.documentId(), download.title(), download.at()));
        }
    }

    /** Events that are no activity of the member only move the view's version. */
    @EventHandler
    void on(RegisterExtractIssued event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        advanceVersion(event.memberId().value(), sequence);
    }

    /** A use of the portal is the member's activity: it moves the last activity. */
    @EventHandler
    void on(PortalUsed event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        claim(event, sequence);
    }

    /** A warning of the system is no activity of the member. */
    @EventHandler
    void on(InactivityWarned event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        advanceVersion(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(ErasureDue event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        advanceVersion(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(ErasureDeferred event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        advanceVersion(event.memberId().value(), sequence);
    }

    /** Holds of an erased member are dropped by its erasure: a late one is not added back. */
    @EventHandler
    void on(LegalHoldPlaced event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        if (advanceVersion(event.memberId().value(), sequence) && !erased) {
            rows.insertHold(event.memberId().value(), event.holdId(), event.ground().name(), event.at(),
                    event.reviewBy());
        }
    }

    @EventHandler
    void on(ProcessingRestricted event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        if (advanceVersion(event.memberId().value(), sequence)) {
            rows.restrict(event.memberId().value(), event.ground().name(), event.at());
        }
    }

    @EventHandler
    void on(RestrictionLifted event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        if (advanceVersion(event.memberId().value(), sequence)) {
            rows.restrict(event.memberId().value(), null, null);
        }
    }

    /** The objection's end of consent is its own event (ConsentWithdrawn), projected as any withdrawal. */
    @EventHandler
    void on(ObjectionRecorded event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        if (advanceVersion(event.memberId().value(), sequence)) {
            rows.insertObjection(event.memberId().value(), event.purpose(), event.at());
        }
    }

    @EventHandler
    void on(LegalHoldReleased event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        if (advanceVersion(event.memberId().value(), sequence)) {
            rows.deleteHold(event.memberId().value(), event.holdId());
        }
    }

    @EventHandler
    void on(ProfileEdited event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        if (claim(event, sequence) && !erased) {
            rows.updateProfile(event.memberId().value(), event.givenName(), event.familyName(), event.company(),
                    event.email());
            profileValues(event.memberId().value(), sequence, event.at(), event.givenName(), event.familyName(),
                    event.company(), event.email());
        }
    }

    /** The field is gone from the view; the values the events held stay in the value history until erasure. */
    @EventHandler
    void on(ProfileFieldRemoved event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        if (claim(event, sequence) && !erased && "company".equals(event.field())) {
            rows.removeCompany(event.memberId().value());
        }
    }

    /** An erased member's status stays ERASED: a late end of membership does not reopen it. */
    @EventHandler
    void on(MembershipEnded event, @SequenceNumber long sequence) {
        boolean erased = fence.shreddedHolding(event.memberId().value());
        if (claim(event, sequence) && !erased) {
            rows.endMembership(event.memberId().value(), event.erasureDueAt());
        }
    }

    @EventHandler
    void on(MemberErased event, @SequenceNumber long sequence) {
        fence.shreddedHolding(event.memberId().value());
        claim(event, sequence);
        // Erasure nulls the personal fields even if the row was ahead: it must never be skipped.
        erase(rows, event.memberId().value(), event.at());
        rows.deleteHolds(event.memberId().value());
    }

    /** What an erasure leaves of a member's view: the status, no personal field, no download, no consent. */
    static void erase(MemberViewRepository rows, UUID memberId, Instant at) {
        // the batch's downloads and profile values are deleted with the others
        BatchedRows.flush();
        rows.erase(memberId);
        rows.deleteDownloads(memberId);
        rows.deleteProfileValues(memberId);
        rows.withdrawAllConsents(memberId, at);
    }

    @ResetHandler
    void reset() {
        rows.deleteAllDownloads();
        rows.deleteAllProfileValues();
        rows.deleteAllHolds();
        rows.deleteAllObjections();
        rows.deleteAllConsents();
        rows.deleteAllMembers();
    }

    @QueryHandler
    public Optional<MemberView> handle(FindMember query) {
        return view(query.memberId().value());
    }

    /** The member's view with its consents; empty when the member is unknown to this read model. */
    public Optional<MemberView> view(UUID memberId) {
        return rows.findById(memberId).map(row -> {
            List<MemberView.LegalHold> holds = rows.holdsOf(memberId).stream()
                    .map(h -> new MemberView.LegalHold(h.holdId(), h.ground(), h.placedAt(), h.reviewBy())).toList();
            Map<String, MemberView.ConsentState> consents = new LinkedHashMap<>();
            for (MemberConsentRow consent : rows.consentsOf(row.memberId())) {
                consents.put(consent.purpose(),
                        new MemberView.ConsentState(consent.granted(), consent.policyVersion(), consent.since(), false));
            }
            return new MemberView(row.memberId(), row.username(), row.givenName(), row.familyName(), row.company(),
                    row.email(), row.status(), consents, row.downloads(), row.registeredAt(), row.lastActivityAt(),
                    row.erasureDueAt(), holds, row.version(), row.restrictionGround() != null || !holds.isEmpty(),
                    row.restrictionGround() == null ? null
                            : new MemberView.Restriction(row.restrictionGround(), row.restrictedAt()),
                    rows.objectionsOf(memberId).stream()
                            .map(o -> new MemberView.Objection(o.purpose(), o.at())).toList());
        });
    }

    /**
     * Active members who hold a granted consent that rests on a version not up to date for its purpose:
     * one page in member-id order. The pairs {@code purpose\nversion} that are up to date are passed as
     * one list, with a pair no consent can have, so that the list is never empty.
     */
    @QueryHandler
    public MembersToReconsent handle(FindMembersToReconsent query) {
        if (query.upToDate().isEmpty()) {
            return new MembersToReconsent(List.of());
        }
        List<String> purposes = List.copyOf(query.upToDate().keySet());
        List<String> upToDate = new ArrayList<>(List.of(NO_CONSENT));
        query.upToDate().forEach((purpose, versions) -> versions.forEach(v -> upToDate.add(purpose + "\n" + v)));
        // PostgreSQL orders UUIDs by their bytes: the nil UUID comes first
        UUID after = query.after() == null ? new UUID(0, 0) : query.after();
        return new MembersToReconsent(rows.membersToReconsent(purposes, upToDate, after, query.limit()));
    }

    /** The DPM's dashboard: erasures falling due soon and open legal holds; ids and dates only. */
    @QueryHandler
    public Dashboard handle(ledger.core.member.FindDashboard query) {
        return new Dashboard(
                rows.erasuresDueBefore(query.erasureDueBefore(), query.limit()).stream()
                        .map(r -> new Dashboard.DueErasure(r.memberId(), r.erasureDueAt(),
                                !rows.holdsOf(r.memberId()).isEmpty()))
                        .toList(),
                rows.openHolds(query.limit()).stream()
                        .map(h -> new Dashboard.Hold(h.memberId(), h.holdId(), h.ground(), h.placedAt(), h.reviewBy()))
                        .toList());
    }

    /** What {@link ledger.core.member.FindDashboard} answers. */
    public record Dashboard(List<DueErasure> erasuresDue, List<Hold> legalHolds) {

        public record DueErasure(UUID memberId, Instant erasureDueAt, boolean held) {
        }

        public record Hold(UUID memberId, UUID holdId, String ground, Instant placedAt, java.time.LocalDate reviewBy) {
        }
    }

    /** A purpose-version pair no consent row has (purposes never hold a line break). */
    private static final String NO_CONSENT = "\n";

    /** A list wrapper, so the query's response type is concrete. */
    public record MembersToReconsent(List<UUID> memberIds) {
    }

    public List<MemberDownloadRow> downloads(UUID memberId) {
        return rows.downloadsOf(memberId);
    }

    /** Every value each profile field was given, by field, oldest first. */
    public List<MemberProfileValueRow> profileValues(UUID memberId) {
        return rows.profileValuesOf(memberId);
    }

    private boolean claim(MemberEvent event, long sequence) {
        UUID member = event.memberId().value();
        ClaimedRows claimed = ClaimedRows.before(member);
        return claimed(claimed, member, sequence, rows.advance(member, sequence, event.at()));
    }

    private void claimConsent(MemberEvent event, long sequence, String purpose, boolean granted, String policyVersion,
                              boolean endsObjection) {
        UUID member = event.memberId().value();
        ClaimedRows claimed = ClaimedRows.ofBatch();
        NewMember fresh = claimed == null ? null : claimed.fresh(member);
        if (fresh != null) {
            // no objection can be there yet: one would have written the new rows first
            if (fresh.version < sequence) {
                fresh.version = sequence;
                fresh.lastActivityAt = event.at();
                BatchedRows.add(NEW_CONSENTS, new NewConsent(member, purpose, granted, policyVersion, event.at()),
                        () -> { });
            }
            return;
        }
        claimed = ClaimedRows.before(member);
        claimed(claimed, member, sequence, rows.claimConsent(member, sequence, event.at(), purpose, granted,
                policyVersion, endsObjection));
    }

    private boolean advanceVersion(UUID member, long sequence) {
        ClaimedRows claimed = ClaimedRows.before(member);
        return claimed(claimed, member, sequence, rows.advanceVersion(member, sequence));
    }

    /**
     * Claims a download and counts it. A row the batch itself claimed is locked by it until it commits and stands
     * below this event's sequence (a member's events come in order): the claim cannot fail, so it is collected and
     * written with the member's other later downloads in one update at the batch's end ({@link #LATER_DOWNLOADS}).
     */
    private boolean claimDownload(UUID member, long sequence, Instant at) {
        ClaimedRows claimed = ClaimedRows.ofBatch();
        NewMember fresh = claimed == null ? null : claimed.fresh(member);
        if (fresh != null) {
            if (fresh.version >= sequence) {
                return false;
            }
            fresh.version = sequence;
            fresh.lastActivityAt = at;
            fresh.downloads++;
            return true;
        }
        if (claimed != null && claimed.follows(member, sequence)) {
            BatchedRows.add(LATER_DOWNLOADS, new LaterDownload(member, sequence, at),
                    () -> rows.claimDownload(member, sequence, at));
            claimed.collected(member, sequence);
            return true;
        }
        return claimed(claimed, member, sequence, rows.claimDownload(member, sequence, at));
    }

    private static boolean claimed(ClaimedRows claimed, UUID member, long sequence, int updated) {
        if (claimed == null) {
            return updated == 1;
        }
        if (updated == 1) {
            claimed.claimed(member, sequence);
        }
        return updated == 1;
    }

    /** A download claimed after the batch's own claim of the member's row: written at the batch's end. */
    record LaterDownload(UUID memberId, long version, Instant at) {
    }

    /**
     * The later downloads of a batch, one update per member: the version and activity of its last download, the
     * count of all. Every member's row must move (the batch holds its lock): a row that did not fails the batch.
     */
    static final BatchedRows.Table<LaterDownload> LATER_DOWNLOADS = BatchedRows.Table.statement(
            "UPDATE member_view m SET version = d.version, last_activity_at = d.at, downloads = m.downloads + d.n"
                    + " FROM (SELECT DISTINCT ON (member) CAST(member AS uuid) AS member_id,"
                    + " CAST(version AS bigint) AS version, CAST(at AS timestamptz) AS at,"
                    + " count(*) OVER (PARTITION BY member) AS n"
                    + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS rows(member, version, at)"
                    + " ORDER BY member, CAST(version AS bigint) DESC) d"
                    + " WHERE m.member_id = d.member_id AND m.version < d.version",
            LaterDownload::memberId, LaterDownload::version, LaterDownload::at)
            .expecting(later -> (int) later.stream().map(LaterDownload::memberId).distinct().count())
            .plannedAtEveryRun();

    /**
     * The member rows a batch claimed (its UPDATE locked them) with the sequence each stands at once the batch's
     * collected downloads are written; null outside a batch that collects rows (a command's transaction, a batch
     * retried event by event behind savepoints, where a rolled-back savepoint releases the lock).
     */
    private static final class ClaimedRows {
        private static final Object KEY = new Object();
        private final Map<UUID, Long> at = new HashMap<>();
        private final Set<UUID> collecting = new HashSet<>();
        private final Map<UUID, NewMember> fresh = new HashMap<>();

        static ClaimedRows ofBatch() {
            return BatchedRows.local(KEY, ClaimedRows::new);
        }

        /**
         * The batch's claimed rows, the member's collected downloads and the batch's new rows written: before a
         * statement on its row.
         */
        static ClaimedRows before(UUID member) {
            ClaimedRows claimed = ofBatch();
            if (claimed != null && claimed.fresh.containsKey(member)) {
                BatchedRows.flush(NEW_MEMBERS);
                BatchedRows.flush(NEW_CONSENTS);
            }
            if (claimed != null && claimed.collecting.contains(member)) {
                claimed.writeCollected();
            }
            return claimed;
        }

        /** The member's row if the batch registered it and has not written it yet. */
        NewMember fresh(UUID member) {
            return fresh.get(member);
        }

        void registered(NewMember member) {
            fresh.put(member.memberId, member);
        }

        /** New rows written: from now on rows the batch claimed, at the version they were written with. */
        void written(List<NewMember> members) {
            for (NewMember member : members) {
                fresh.remove(member.memberId);
                at.put(member.memberId, member.version);
            }
        }

        /** Whether the batch holds the member's row below {@code sequence}; if not, its collected downloads are written. */
        boolean follows(UUID member, long sequence) {
            Long last = at.get(member);
            if (last != null && last < sequence) {
                return true;
            }
            if (collecting.contains(member)) {
                writeCollected();
            }
            return false;
        }

        void collected(UUID member, long sequence) {
            at.put(member, sequence);
            collecting.add(member);
        }

        void claimed(UUID member, long sequence) {
            at.put(member, sequence);
        }

        private void writeCollected() {
            BatchedRows.flush(LATER_DOWNLOADS);
            collecting.clear();
        }
    }
}
