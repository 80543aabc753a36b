package ledger.projections.member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import ledger.core.member.ConsentGiven;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.ErasureDeferred;
import ledger.core.member.ErasureDue;
import ledger.core.member.LegalHoldPlaced;
import ledger.core.member.LegalHoldReleased;
import ledger.core.member.FindMember;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberEvent;
import ledger.core.member.MemberRegistered;
import ledger.core.member.MembershipEnded;
import ledger.core.member.ProfileEdited;
import ledger.core.member.RegisterExtractIssued;

/**
 * The member view (GET /members/{id}). Rows commit with the processor's token; each handler first
 * claims the event through the row version, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(MemberViewProjection.NAME)
public class MemberViewProjection {

    public static final String NAME = "member-view";

    private final MemberViewRepository rows;

    public MemberViewProjection(MemberViewRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(MemberRegistered event, @SequenceNumber long sequence) {
        rows.insertRegistered(event.memberId().value(), event.username(), event.givenName(), event.familyName(),
                event.company(), event.email(), event.at(), sequence);
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence) {
        if (claim(event, sequence)) {
            rows.upsertConsent(event.memberId().value(), event.purpose(), true, event.policyVersion(), event.at());
        }
    }

    @EventHandler
    void on(ConsentWithdrawn event, @SequenceNumber long sequence) {
        if (claim(event, sequence)) {
            rows.upsertConsent(event.memberId().value(), event.purpose(), false, event.policyVersion(), event.at());
        }
    }

    @EventHandler
    void on(DocumentDownloaded event, @SequenceNumber long sequence) {
        if (claim(event, sequence)) {
            rows.countDownload(event.memberId().value());
            rows.insertDownload(event.memberId().value(), sequence, event.documentId(), event.title(), event.at());
        }
    }

    /** Events that are no activity of the member only move the view's version. */
    @EventHandler
    void on(RegisterExtractIssued event, @SequenceNumber long sequence) {
        rows.advanceVersion(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(ErasureDue event, @SequenceNumber long sequence) {
        rows.advanceVersion(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(ErasureDeferred event, @SequenceNumber long sequence) {
        rows.advanceVersion(event.memberId().value(), sequence);
    }

    @EventHandler
    void on(LegalHoldPlaced event, @SequenceNumber long sequence) {
        if (rows.advanceVersion(event.memberId().value(), sequence) == 1) {
            rows.insertHold(event.memberId().value(), event.holdId(), event.ground().name(), event.at());
        }
    }

    @EventHandler
    void on(LegalHoldReleased event, @SequenceNumber long sequence) {
        if (rows.advanceVersion(event.memberId().value(), sequence) == 1) {
            rows.deleteHold(event.memberId().value(), event.holdId());
        }
    }

    @EventHandler
    void on(ProfileEdited event, @SequenceNumber long sequence) {
        if (claim(event, sequence)) {
            rows.updateProfile(event.memberId().value(), event.givenName(), event.familyName(), event.company(),
                    event.email());
        }
    }

    @EventHandler
    void on(MembershipEnded event, @SequenceNumber long sequence) {
        if (claim(event, sequence)) {
            rows.endMembership(event.memberId().value(), event.erasureDueAt());
        }
    }

    @EventHandler
    void on(MemberErased event, @SequenceNumber long sequence) {
        claim(event, sequence);
        // Erasure nulls the personal fields even if the row was ahead: it must never be skipped.
        rows.erase(event.memberId().value());
        rows.deleteDownloads(event.memberId().value());
        rows.deleteHolds(event.memberId().value());
    }

    @ResetHandler
    void reset() {
        rows.deleteAllDownloads();
        rows.deleteAllHolds();
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
            Map<String, MemberView.ConsentState> consents = new LinkedHashMap<>();
            for (MemberConsentRow consent : rows.consentsOf(row.memberId())) {
                consents.put(consent.purpose(),
                        new MemberView.ConsentState(consent.granted(), consent.policyVersion(), consent.since()));
            }
            return new MemberView(row.memberId(), row.username(), row.givenName(), row.familyName(), row.company(),
                    row.email(), row.status(), consents, row.downloads(), row.registeredAt(), row.lastActivityAt(),
                    row.erasureDueAt(), rows.holdsOf(memberId).stream()
                    .map(h -> new MemberView.LegalHold(h.holdId(), h.ground(), h.placedAt())).toList(),
                    row.version());
        });
    }

    public List<MemberDownloadRow> downloads(UUID memberId) {
        return rows.downloadsOf(memberId);
    }

    private boolean claim(MemberEvent event, long sequence) {
        return rows.advance(event.memberId().value(), sequence, event.at()) == 1;
    }
}
