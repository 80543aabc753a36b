package ledger.core.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import ledger.core.crypto.PersonalData;
import ledger.core.crypto.SubjectId;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberRefusals.MemberIsErased;
import ledger.core.member.MemberRefusals.MembershipConsentRequired;
import ledger.core.member.MemberRefusals.MembershipHasEnded;
import ledger.core.member.MemberRefusals.NotRestricted;
import ledger.core.member.MemberRefusals.ProcessingIsRestricted;
import ledger.core.member.MemberRefusals.RequiredFieldCannotBeRemoved;
import ledger.core.member.MemberRefusals.ReviewDateNotAhead;
import ledger.core.member.MemberRefusals.UnknownLegalHold;
import ledger.core.member.MemberRefusals.UsernameCannotChange;
import ledger.core.notice.ConsentNotice;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.purpose.WithdrawalChannel;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * A member of the partner portal. Guards, then {@code apply}; state changes only in the
 * event-sourcing handlers. Registration and erasure touch sets beyond one member (usernames,
 * keys, read models) and so enter through {@link MemberRegistration} and {@link MemberErasure}.
 * Retention runs on persistent deadlines: when the membership ends, erasure falls due after the
 * retention period ({@link ErasureDue}), deferred while a legal hold stands or processing is
 * restricted. Every erasure a hold keeps from running is recorded ({@link ErasureDeferred}) and runs
 * when the last hold is released. While processing is restricted (Art. 18) or a hold stands, no
 * consent, download or register extract is accepted; rectification, withdrawal, erasure and lifting
 * pass, and so do what restricts further (a hold, an objection) and the end of the membership,
 * which stops processing (its erasure stays deferred while the data is kept). A snapshot of this state is serialized like an event: the marked fields are
 * encrypted under the member's key.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Member {

    static final String RETENTION_DEADLINE = "membership-retention";
    /** The profile fields a member may remove (RFC 7396 null); the others are required. */
    static final java.util.Set<String> REMOVABLE_FIELDS = java.util.Set.of("company");
    static final String INACTIVITY_DEADLINE = "membership-inactivity";
    static final String INACTIVITY_WARNING_DEADLINE = "membership-inactivity-warning";

    @AggregateIdentifier
    @SubjectId
    private MemberId memberId;
    private MemberStatus status;
    /** The last day (UTC) the member used the portal, as recorded; null before the first. */
    private LocalDate lastUseDay;
    /** The member's last activity (registration, consent, withdrawal, download, edit, use of the portal). */
    private Instant lastActivityAt;
    /** The membership end the member was last warned of (InactivityWarned), if any. */
    private Instant warnedOfEndAt;
    @PersonalData
    private String username;
    @PersonalData
    private String givenName;
    @PersonalData
    private String familyName;
    @PersonalData
    private String company;
    @PersonalData
    private String email;
    private final Map<String, Grant> consents = new LinkedHashMap<>();
    private final Map<UUID, LegalHoldGround> holds = new LinkedHashMap<>();
    private boolean erasureDeferred;
    private ErasureGround deferredGround;
    private boolean deferredManually;
    private RestrictionGround restriction;
    private final Set<String> objections = new TreeSet<>();
    private Instant erasureDueAt;
    private ErasureReceipt erasure;

    private record Grant(UUID consentId, String policyVersion) {
    }

    protected Member() {
        // for Axon
    }

    /** Only {@link MemberRegistration} creates members, after {@link #checkRegistration} passed. */
    Member(RegisterMember command, PurposeCatalog purposes, RetentionPolicy retention, DeadlineManager deadlines) {
        Instant now = now();
        apply(new MemberRegistered(command.memberId(), command.username(), command.givenName(),
                command.familyName(), command.company(), command.email(), command.requestedBy(), now));
        for (RegisterMember.ConsentRequest consent : command.consents()) {
            if (!consents.containsKey(consent.purpose())) {
                ConsentNotice notice = consent.notice();
                apply(new ConsentGiven(command.memberId(), UUID.randomUUID(), consent.purpose(),
                        notice.version().value(), notice.sha256(), notice.language(), consent.channel(),
                        command.requestedBy(), now));
            }
        }
        // the inactivity deadline is scheduled once the aggregate exists (startInactivityClock): a deadline
        // scheduled from the constructor has no aggregate to name yet
    }

    /** Arms the clock of a member who has none (registered before it existed); answers whether it did. */
    @CommandHandler
    public boolean handle(ArmInactivityClock command, RetentionPolicy retention, DeadlineManager deadlines) {
        if (status != MemberStatus.ACTIVE) {
            return false;
        }
        startInactivityClock(retention, deadlines);
        return true;
    }

    /**
     * Right after registration, in its command: the member's one inactivity deadline and its warning. They
     * are never cancelled by activity (Axon's db-scheduler deadline manager cancels by scanning every
     * scheduled deadline: a cancel per command grows with the fleet's members); each re-arms itself for
     * the last activity when it fires early.
     */
    void startInactivityClock(RetentionPolicy retention, DeadlineManager deadlines) {
        Instant now = now();
        retention.inactivityDue(now).ifPresent(due -> {
            deadlines.schedule(due, INACTIVITY_DEADLINE, new InactivityPassed(now));
            deadlines.schedule(due.minus(RetentionPolicy.INACTIVITY_WARNING), INACTIVITY_WARNING_DEADLINE,
                    new InactivityWarningDue(due));
        });
    }

    /** The guards of registration, checked before anything outside the aggregate is touched. */
    static void checkRegistration(RegisterMember command, PurposeCatalog purposes) {
        purposes.requireKnown(command.consents().stream().map(RegisterMember.ConsentRequest::purpose).toList());
        Instant now = now();
        command.consents().forEach(c -> c.notice().requireCovers(c.purpose(), now));
        boolean membershipConsent = command.consents().stream()
                .anyMatch(c -> PurposeCatalog.MEMBERSHIP.equals(c.purpose()));
        if (!membershipConsent) {
            throw new MembershipConsentRequired();
        }
    }

    @CommandHandler
    public UUID handle(GiveConsent command, PurposeCatalog purposes, RetentionPolicy retention,
                       DeadlineManager deadlines) {
        requireNotErased();
        requireProcessingAllowed();
        purposes.requireKnown(List.of(command.purpose()));
        Instant now = now();
        ConsentNotice notice = command.notice();
        notice.requireCovers(command.purpose(), now);
        Grant held = consents.get(command.purpose());
        if (held != null && held.policyVersion().equals(notice.version().value())) {
            return held.consentId();
        }
        if (status == MemberStatus.ENDED) {
            throw new MembershipHasEnded();
        }
        UUID consentId = UUID.randomUUID();
        apply(new ConsentGiven(memberId, consentId, command.purpose(), notice.version().value(), notice.sha256(),
                notice.language(), command.channel(), command.requestedBy(), now));
        return consentId;
    }

    /** Returns the purposes actually withdrawn, sorted; withdrawing what is not granted records nothing. */
    @CommandHandler
    public List<String> handle(WithdrawConsent command, PurposeCatalog purposes, RetentionPolicy retention,
                               DeadlineManager deadlines) {
        requireNotErased();
        purposes.requireKnown(command.purposes());
        TreeSet<String> targets = new TreeSet<>(command.all() ? consents.keySet() : command.purposes());
        return withdraw(targets, command.channel(), command.requestedBy(), now(), retention, deadlines);
    }

    private List<String> withdraw(Set<String> purposes, WithdrawalChannel channel, Actor by, Instant now,
                                  RetentionPolicy retention,
                                  DeadlineManager deadlines) {
        TreeSet<String> targets = new TreeSet<>(purposes);
        targets.retainAll(consents.keySet());
        List<String> withdrawn = new ArrayList<>();
        for (String purpose : targets) {
            Grant grant = consents.get(purpose);
            apply(new ConsentWithdrawn(memberId, grant.consentId(), purpose, grant.policyVersion(), channel, by, now));
            withdrawn.add(purpose);
        }
        if (withdrawn.contains(PurposeCatalog.MEMBERSHIP) && status == MemberStatus.ACTIVE) {
            // Without consent to the membership there is no legal basis to keep the member.
            end(MembershipEndReason.MEMBER_REQUEST, by, now, retention, deadlines);
        } else if (!withdrawn.isEmpty()) {
        }
        return withdrawn;
    }

    /**
     * Art. 21: the objection is recorded and ends processing for the purpose (its consent is
     * withdrawn; for portal-membership the membership ends). Objecting again records nothing.
     */
    @CommandHandler
    public List<String> handle(RecordObjection command, PurposeCatalog purposes, RetentionPolicy retention,
                               DeadlineManager deadlines) {
        requireNotErased();
        purposes.requireKnown(List.of(command.purpose()));
        if (objections.contains(command.purpose())) {
            return List.of();
        }
        Instant now = now();
        apply(new ObjectionRecorded(memberId, command.purpose(), command.requestedBy(), now));
        return withdraw(Set.of(command.purpose()), null, command.requestedBy(), now, retention, deadlines);
    }

    /** Art. 18: restricting what is restricted already records nothing (the first ground stands); answers the ground. */
    @CommandHandler
    public RestrictionGround handle(RestrictProcessing command) {
        requireNotErased();
        if (restriction == null) {
            apply(new ProcessingRestricted(memberId, command.ground(), command.requestedBy(), now()));
        }
        return restriction;
    }

    /** Lifting lets an erasure the restriction deferred run at once, unless a legal hold still stands. */
    @CommandHandler
    public void handle(LiftRestriction command) {
        requireNotErased();
        if (restriction == null) {
            throw new NotRestricted();
        }
        Instant now = now();
        apply(new RestrictionLifted(memberId, command.requestedBy(), now));
        if (erasureDeferred && holds.isEmpty()) {
            apply(new ErasureDue(memberId, deferredGround(), Actor.SYSTEM, now));
        }
    }

    @CommandHandler
    public void handle(RecordDownload command, RetentionPolicy retention, DeadlineManager deadlines) {
        requireNotErased();
        requireProcessingAllowed();
        if (status == MemberStatus.ENDED) {
            throw new MembershipHasEnded();
        }
        Instant now = now();
        apply(new DocumentDownloaded(memberId, command.documentId(), command.title(), command.requestedBy(), now));
    }

    @CommandHandler
    public void handle(EditProfile command, RetentionPolicy retention, DeadlineManager deadlines) {
        requireNotErased();
        if (command.username() != null && !command.username().equals(username)) {
            throw new UsernameCannotChange();
        }
        for (String field : command.removed()) {
            if (!REMOVABLE_FIELDS.contains(field)) {
                throw new RequiredFieldCannotBeRemoved(field);
            }
        }
        String newGivenName = changed(givenName, command.givenName());
        String newFamilyName = changed(familyName, command.familyName());
        String newCompany = command.removed().contains("company") ? null : changed(company, command.company());
        String newEmail = changed(email, command.email());
        boolean removeCompany = command.removed().contains("company") && company != null;
        if (newGivenName == null && newFamilyName == null && newCompany == null && newEmail == null
                && !removeCompany) {
            return;
        }
        Instant now = now();
        if (newGivenName != null || newFamilyName != null || newCompany != null || newEmail != null) {
            apply(new ProfileEdited(memberId, newGivenName, newFamilyName, newCompany, newEmail,
                    command.requestedBy(), now));
        }
        if (removeCompany) {
            apply(new ProfileFieldRemoved(memberId, "company", command.requestedBy(), now));
        }
    }

    /** Ending an ended membership records nothing and answers the erasure date already set. */
    @CommandHandler
    public Instant handle(EndMembership command, RetentionPolicy retention, DeadlineManager deadlines) {
        requireNotErased();
        if (status == MemberStatus.ENDED) {
            return erasureDueAt;
        }
        return end(command.reason(), command.requestedBy(), now(), retention, deadlines);
    }

    private Instant end(MembershipEndReason reason, Actor by, Instant now, RetentionPolicy retention,
                        DeadlineManager deadlines) {
        Instant due = retention.memberErasureDue(now);
        apply(new MembershipEnded(memberId, reason, due, by, now));
        deadlines.cancelAllWithinScope(INACTIVITY_DEADLINE);
        deadlines.cancelAllWithinScope(INACTIVITY_WARNING_DEADLINE);
        deadlines.schedule(due, RETENTION_DEADLINE);
        return due;
    }

    /**
     * Issuing an extract is itself recorded (who, when, for whom); answers when. Also under a restriction
     * or a legal hold: access is the member's right (Art. 15), not processing Art. 18(2) stops.
     */
    @CommandHandler
    public Instant handle(IssueRegisterExtract command) {
        requireNotErased();
        Instant now = now();
        apply(new RegisterExtractIssued(memberId, command.format(), command.requestedBy(), now));
        return now;
    }

    /**
     * The member used the portal: at most one event a day (a second use the same day records nothing); every
     * recorded use moves the inactivity deadline and its warning. Answers whether an event was recorded.
     */
    @CommandHandler
    public boolean handle(RecordPortalUse command, RetentionPolicy retention, DeadlineManager deadlines) {
        requireNotErased();
        if (status == MemberStatus.ENDED) {
            throw new MembershipHasEnded();
        }
        Instant now = now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (today.equals(lastUseDay)) {
            return false;
        }
        apply(new PortalUsed(memberId, today, command.requestedBy(), now));
        return true;
    }

    /** A hold is reviewed by a date after today (UTC). */
    @CommandHandler
    public void handle(PlaceLegalHold command) {
        requireNotErased();
        if (holds.containsKey(command.holdId())) {
            return;
        }
        Instant now = now();
        if (command.reviewBy() == null || !command.reviewBy().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw new ReviewDateNotAhead();
        }
        apply(new LegalHoldPlaced(memberId, command.holdId(), command.ground(), command.reason(),
                command.requestedBy(), now, command.reviewBy()));
    }

    /**
     * Releasing the last hold lets the deferred erasure run at once, with its ground: a manual one
     * always, an automatic retention erasure once no restriction keeps the data either.
     */
    @CommandHandler
    public void handle(ReleaseLegalHold command) {
        requireNotErased();
        if (!holds.containsKey(command.holdId())) {
            throw new UnknownLegalHold();
        }
        Instant now = now();
        apply(new LegalHoldReleased(memberId, command.holdId(), command.requestedBy(), now));
        if (holds.isEmpty() && erasureDeferred && (deferredManually || restriction == null)) {
            apply(new ErasureDue(memberId, deferredGround(), Actor.SYSTEM, now));
        }
    }

    @DeadlineHandler(deadlineName = RETENTION_DEADLINE)
    void retentionPassed() {
        if (status == MemberStatus.ERASED) {
            return;
        }
        Instant now = now();
        if (!holds.isEmpty() || restriction != null) {
            if (!erasureDeferred) {
                apply(new ErasureDeferred(memberId, List.copyOf(holds.keySet()), Actor.SYSTEM, now,
                        ErasureGround.RETENTION_EXPIRED));
            }
            return;
        }
        apply(new ErasureDue(memberId, ErasureGround.RETENTION_EXPIRED, Actor.SYSTEM, now));
    }

    /** The payload of the inactivity deadline (a deadline handler's first parameter is its payload). */
    record InactivityPassed(Instant lastActivity) {
    }

    /** The payload of the warning before the inactivity deadline: when the membership would end. */
    record InactivityWarningDue(Instant membershipEndsAt) {
    }

    /**
     * Fires 30 days before the end it was armed for; when the member was active since, the end moved later
     * and it re-arms for that end instead (compared with the armed end, never with a clock: always forward).
     */
    @DeadlineHandler(deadlineName = INACTIVITY_WARNING_DEADLINE)
    void warnInactive(InactivityWarningDue deadline, RetentionPolicy retention, DeadlineManager deadlines) {
        if (status != MemberStatus.ACTIVE) {
            return;
        }
        Instant due = lastActivityAt == null ? deadline.membershipEndsAt()
                : retention.inactivityDue(lastActivityAt).orElse(null);
        if (due == null || due.equals(warnedOfEndAt)) {
            return;
        }
        if (due.isAfter(deadline.membershipEndsAt())) {
            deadlines.schedule(due.minus(RetentionPolicy.INACTIVITY_WARNING), INACTIVITY_WARNING_DEADLINE,
                    new InactivityWarningDue(due));
            return;
        }
        apply(new InactivityWarned(memberId, due, Actor.SYSTEM, now()));
    }

    @DeadlineHandler(deadlineName = INACTIVITY_DEADLINE)
    void inactive(InactivityPassed deadline, RetentionPolicy retention, DeadlineManager deadlines) {
        if (status != MemberStatus.ACTIVE) {
            return;
        }
        Instant armedFor = retention.inactivityDue(deadline.lastActivity()).orElse(null);
        Instant last = lastActivityAt != null && lastActivityAt.isAfter(deadline.lastActivity()) ? lastActivityAt
                : deadline.lastActivity();
        Instant due = retention.inactivityDue(last).orElse(null);
        if (due == null || armedFor == null) {
            return;
        }
        if (due.isAfter(armedFor)) {
            deadlines.schedule(due, INACTIVITY_DEADLINE, new InactivityPassed(last));
            if (warnedOfEndAt != null && !warnedOfEndAt.equals(due)) {
                deadlines.schedule(due.minus(RetentionPolicy.INACTIVITY_WARNING), INACTIVITY_WARNING_DEADLINE,
                        new InactivityWarningDue(due));
            }
            return;
        }
        end(MembershipEndReason.INACTIVITY, Actor.SYSTEM, now(), retention, deadlines);
    }

    /**
     * Erasure is terminal; a repetition answers the first receipt and records nothing. While a legal
     * hold stands (or, for an automatic retention erasure, processing is restricted) the erasure is
     * recorded as deferred and answered so ({@link ErasureDeferral}); it runs when nothing keeps the
     * data any more. A manual request deferred after an automatic one is recorded too: its ground wins.
     */
    ErasureOutcome erase(EraseMember command, DeadlineManager deadlines) {
        if (erasure != null) {
            return erasure;
        }
        // A re-applied journaled erasure happened while no hold stood: a hold restored with an
        // older backup does not stop it (only the ledger itself gives that ground).
        boolean restored = command.ground() == ErasureGround.RESTORED_BACKUP;
        boolean keptByRestriction = restriction != null && command.automatic()
                && command.ground() == ErasureGround.RETENTION_EXPIRED;
        if (!restored && (!holds.isEmpty() || keptByRestriction)) {
            if (!erasureDeferred || (!command.automatic() && !deferredManually)) {
                apply(new ErasureDeferred(memberId, List.copyOf(holds.keySet()), command.requestedBy(), now(),
                        command.ground()));
            }
            return new ErasureDeferral(memberId, deferredGround(), List.copyOf(holds.keySet()), restriction != null);
        }
        apply(new MemberErased(memberId, command.ground(), command.requestedBy(), now()));
        // an erased member needs no deadline
        deadlines.cancelAllWithinScope(RETENTION_DEADLINE);
        deadlines.cancelAllWithinScope(INACTIVITY_DEADLINE);
        deadlines.cancelAllWithinScope(INACTIVITY_WARNING_DEADLINE);
        return erasure;
    }

    private void requireNotErased() {
        if (status == MemberStatus.ERASED) {
            throw new MemberIsErased();
        }
    }

    /** A snapshot taken before deferrals named their ground holds none: those were retention erasures. */
    private ErasureGround deferredGround() {
        return deferredGround != null ? deferredGround : ErasureGround.RETENTION_EXPIRED;
    }

    /** Art. 18: restricted processing, by a restriction or a legal hold. */
    private void requireProcessingAllowed() {
        if (restriction != null || !holds.isEmpty()) {
            throw new ProcessingIsRestricted();
        }
    }

    private static String changed(String current, String requested) {
        return requested == null || Objects.equals(current, requested) ? null : requested;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(MemberRegistered event) {
        memberId = event.memberId();
        status = MemberStatus.ACTIVE;
        lastActivityAt = event.at();
        username = event.username();
        givenName = event.givenName();
        familyName = event.familyName();
        company = event.company();
        email = event.email();
    }

    /** A fresh consent to a purpose the member objected to ends the objection. */
    @EventSourcingHandler
    void on(PortalUsed event) {
        lastUseDay = event.day();
        lastActivityAt = event.at();
    }

    @EventSourcingHandler
    void on(InactivityWarned event) {
        warnedOfEndAt = event.membershipEndsAt();
    }

    @EventSourcingHandler
    void on(DocumentDownloaded event) {
        lastActivityAt = event.at();
    }

    @EventSourcingHandler
    void on(ConsentGiven event) {
        lastActivityAt = event.at();
        consents.put(event.purpose(), new Grant(event.consentId(), event.policyVersion()));
        objections.remove(event.purpose());
    }

    @EventSourcingHandler
    void on(ObjectionRecorded event) {
        objections.add(event.purpose());
    }

    @EventSourcingHandler
    void on(ProcessingRestricted event) {
        restriction = event.ground();
    }

    @EventSourcingHandler
    void on(RestrictionLifted event) {
        restriction = null;
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        lastActivityAt = event.at();
        consents.remove(event.purpose());
    }

    @EventSourcingHandler
    void on(ProfileEdited event) {
        lastActivityAt = event.at();
        givenName = event.givenName() != null ? event.givenName() : givenName;
        familyName = event.familyName() != null ? event.familyName() : familyName;
        company = event.company() != null ? event.company() : company;
        email = event.email() != null ? event.email() : email;
    }

    @EventSourcingHandler
    void on(ProfileFieldRemoved event) {
        if ("company".equals(event.field())) {
            company = null;
        }
    }

    @EventSourcingHandler
    void on(MembershipEnded event) {
        status = MemberStatus.ENDED;
        erasureDueAt = event.erasureDueAt();
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        holds.put(event.holdId(), event.ground());
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        holds.remove(event.holdId());
    }

    /** Deferrals stored before they named a ground were automatic retention erasures. */
    @EventSourcingHandler
    void on(ErasureDeferred event) {
        erasureDeferred = true;
        deferredGround = event.ground() != null ? event.ground() : ErasureGround.RETENTION_EXPIRED;
        deferredManually = !Actor.SYSTEM.equals(event.by());
    }

    @EventSourcingHandler
    void on(ErasureDue event) {
        erasureDeferred = false;
        deferredGround = null;
        deferredManually = false;
    }

    @EventSourcingHandler
    void on(MemberErased event) {
        status = MemberStatus.ERASED;
        erasure = new ErasureReceipt(event.memberId(), event.ground(), event.at());
        username = null;
        givenName = null;
        familyName = null;
        company = null;
        email = null;
        consents.clear();
        // no hold to clear: erase() records MemberErased only when no hold stands (or a restored
        // backup's erasure passes one, and then nothing is processed any more)
    }
}
