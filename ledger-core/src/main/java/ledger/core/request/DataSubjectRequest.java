package ledger.core.request;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import ledger.core.member.MemberId;
import ledger.core.request.MemberEventLookup.MemberEventRef;
import ledger.core.request.RequestRefusals.AlreadyExtended;
import ledger.core.request.RequestRefusals.AlreadyLinked;
import ledger.core.request.RequestRefusals.MemberDataHeld;
import ledger.core.request.RequestRefusals.AlreadyVerified;
import ledger.core.request.RequestRefusals.ChallengeExpired;
import ledger.core.request.RequestRefusals.ChallengeLocked;
import ledger.core.request.RequestRefusals.NoChallenge;
import ledger.core.request.RequestRefusals.NoMemberToChallenge;
import ledger.core.request.RequestRefusals.AnswerBeforeReceipt;
import ledger.core.request.RequestRefusals.ExtensionTooLate;
import ledger.core.request.RequestRefusals.ExtensionTooLong;
import ledger.core.request.RequestRefusals.IdentityNotVerified;
import ledger.core.request.RequestRefusals.MemberMismatch;
import ledger.core.request.RequestRefusals.ReceivedBeforeRecords;
import ledger.core.request.RequestRefusals.ReceivedInTheFuture;
import ledger.core.request.RequestRefusals.RequestCompletedAlready;
import ledger.core.request.RequestRefusals.RequestRefusedAlready;
import ledger.core.request.RequestRefusals.WrongResult;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * A data-subject request (Art. 12). Due one calendar month after receipt; extendable once, by up to
 * two further months, decided within the first month (Art. 12(3)); completed, once the requester's
 * identity was verified, by the member event that answered it (recorded after the receipt), or
 * refused with a reason (Art. 12(4)). Rules across requests (one event completes one request) are
 * {@link RequestBook}'s, checked by {@link RequestClosing}; created through {@link RequestIntake},
 * which checks that the member exists.
 */
public class DataSubjectRequest {

    private static final Duration DAY = Duration.ofDays(1);

    @AggregateIdentifier
    private RequestId requestId;
    private MemberId memberId;
    private RequestType type;
    private Instant receivedAt;
    private Instant dueAt;
    private boolean extended;
    private boolean verified;
    private boolean completed;
    private boolean refused;
    private boolean requesterData;
    private boolean requesterShredded;
    private String challengeDigest;
    private Instant challengeExpiresAt;
    private int challengeFailures;

    /** Wrong codes a challenge takes before it locks. */
    static final int CHALLENGE_ATTEMPTS = 5;

    protected DataSubjectRequest() {
        // for Axon
    }

    /** Only {@link RequestIntake} records requests, after it found the member. */
    DataSubjectRequest(RecordRequest command) {
        Instant now = now();
        if (command.receivedAt().isBefore(Instant.EPOCH)) {
            throw new ReceivedBeforeRecords();
        }
        if (command.receivedAt().isAfter(now)) {
            throw new ReceivedInTheFuture();
        }
        apply(new RequestRecorded(command.requestId(), command.memberId(), command.type(), command.receivedAt(),
                RequestDeadline.initial(command.receivedAt()), command.requestedBy(), now, command.requesterEmail(),
                command.requesterName()));
    }

    static final String REQUESTER_RETENTION_DEADLINE = "requester-retention";

    /** Only {@link RequestIntake} links, after it found the member; answers the request's type and receipt. */
    RequestBook.OpenRequest link(LinkRequest command) {
        requireOpen();
        if (memberId != null) {
            throw new AlreadyLinked();
        }
        apply(new RequestLinked(requestId, command.memberId(), command.requestedBy(), now()));
        return new RequestBook.OpenRequest(requestId, type, receivedAt);
    }

    /** Nothing is held about a requester who is no member: answered so, the request closes. */
    @CommandHandler
    public long handle(CloseRequestNoDataHeld command, RetentionPolicy retention, DeadlineManager deadlines) {
        requireOpen();
        if (memberId != null) {
            throw new MemberDataHeld();
        }
        Instant now = now();
        long daysLate = daysLate(now);
        apply(new RequestClosedNoDataHeld(requestId, daysLate > 0, daysLate, command.requestedBy(), now));
        closed(retention, deadlines);
        return daysLate;
    }

    /** A closed request keeps its requester's contact data for the retention period, then it is shredded. */
    void closed(RetentionPolicy retention, DeadlineManager deadlines) {
        if (requesterData && !requesterShredded) {
            deadlines.schedule(now().atZone(java.time.ZoneOffset.UTC).plus(retention.requesterRetention()).toInstant(),
                    REQUESTER_RETENTION_DEADLINE);
        }
    }

    @DeadlineHandler(deadlineName = REQUESTER_RETENTION_DEADLINE)
    void requesterRetentionEnded() {
        if (!requesterShredded) {
            apply(new RequesterDataDue(requestId, Actor.SYSTEM, now()));
        }
    }

    /** Only {@link RequesterShredding} records it, after the key was shredded; a repetition records nothing. */
    void shredded(Actor by) {
        if (!requesterShredded) {
            apply(new RequesterDataShredded(requestId, by, now()));
        }
    }

    /** Verifying again records nothing: the first check stands. */
    @CommandHandler
    public void handle(VerifyIdentity command) {
        requireOpen();
        if (verified) {
            return;
        }
        apply(new IdentityVerified(requestId, memberId, command.method(), command.requestedBy(), now()));
    }

    /** A new code replaces any earlier one (and its count of wrong codes). */
    @CommandHandler
    public void handle(IssueVerificationChallenge command) {
        requireOpen();
        if (verified) {
            throw new AlreadyVerified();
        }
        if (memberId == null) {
            throw new NoMemberToChallenge();
        }
        apply(new VerificationChallengeIssued(requestId, memberId, command.codeDigest(), command.expiresAt(),
                command.requestedBy(), now()));
    }

    /**
     * The right code verifies the requester; a wrong one is recorded (not thrown: the record must stay) and
     * the fifth locks the challenge. Verified already: the first check stands, nothing is recorded.
     */
    @CommandHandler
    public AnswerVerificationChallenge.Outcome handle(AnswerVerificationChallenge command) {
        requireOpen();
        if (verified) {
            return new AnswerVerificationChallenge.Outcome(true, CHALLENGE_ATTEMPTS - challengeFailures);
        }
        if (challengeDigest == null) {
            throw new NoChallenge();
        }
        if (challengeFailures >= CHALLENGE_ATTEMPTS) {
            throw new ChallengeLocked();
        }
        Instant now = now();
        if (!now.isBefore(challengeExpiresAt)) {
            throw new ChallengeExpired();
        }
        if (java.security.MessageDigest.isEqual(challengeDigest.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                String.valueOf(command.codeDigest()).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            apply(new IdentityVerified(requestId, memberId, VerificationMethod.ONE_TIME_CODE, command.requestedBy(),
                    now));
            return new AnswerVerificationChallenge.Outcome(true, CHALLENGE_ATTEMPTS - challengeFailures);
        }
        int failures = challengeFailures + 1;
        apply(new VerificationChallengeFailed(requestId, memberId, failures, failures >= CHALLENGE_ATTEMPTS,
                command.requestedBy(), now));
        return new AnswerVerificationChallenge.Outcome(false, CHALLENGE_ATTEMPTS - failures);
    }

    @CommandHandler
    public Instant handle(ExtendRequest command) {
        requireOpen();
        if (!java.util.Objects.equals(memberId, command.memberId())) {
            throw new MemberMismatch();
        }
        if (extended) {
            throw new AlreadyExtended();
        }
        if (command.months() < 1 || command.months() > 2) {
            throw new ExtensionTooLong();
        }
        Instant now = now();
        if (!now.isBefore(dueAt)) {
            throw new ExtensionTooLate();
        }
        Instant extendedDue = RequestDeadline.extended(dueAt, command.months());
        apply(new RequestExtended(requestId, memberId, command.months(), extendedDue, command.reason(),
                command.requestedBy(), now));
        return extendedDue;
    }

    /** Whether {@link #complete} would accept this answer; the automatic completion asks first. */
    boolean answerableBy(MemberEventRef answer) {
        return !completed && !refused && verified && type.completedBy(answer.type())
                && answer.at().isAfter(receivedAt);
    }

    /** The answer exists as an event of this request's member ({@link RequestClosing} looked it up). */
    void complete(MemberEventRef answer, long sequence, Actor by) {
        requireOpen();
        if (!type.completedBy(answer.type())) {
            throw new WrongResult();
        }
        if (!answer.at().isAfter(receivedAt)) {
            throw new AnswerBeforeReceipt();
        }
        if (!verified) {
            throw new IdentityNotVerified();
        }
        long daysLate = daysLate(answer.at());
        apply(new RequestCompleted(requestId, memberId, answer.type(), sequence, by, now(), answer.at(),
                daysLate > 0, daysLate));
    }

    /** Answers the started days past the deadline (0: in time). */
    long refuse(RefuseRequest command) {
        requireOpen();
        Instant now = now();
        long daysLate = daysLate(now);
        apply(new RequestRefused(requestId, memberId, command.reason(), daysLate > 0, daysLate,
                command.requestedBy(), now));
        return daysLate;
    }

    /** Started days past the deadline: answered one second late is one day late. */
    private long daysLate(Instant answeredAt) {
        if (!answeredAt.isAfter(dueAt)) {
            return 0;
        }
        Duration late = Duration.between(dueAt, answeredAt);
        return late.dividedBy(DAY) + (late.toNanos() % DAY.toNanos() == 0 ? 0 : 1);
    }

    private void requireOpen() {
        if (completed) {
            throw new RequestCompletedAlready();
        }
        if (refused) {
            throw new RequestRefusedAlready();
        }
    }

    RequestId requestId() {
        return requestId;
    }

    MemberId memberId() {
        return memberId;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(RequestRecorded event) {
        requestId = event.requestId();
        memberId = event.memberId();
        type = event.type();
        receivedAt = event.receivedAt();
        dueAt = event.dueAt();
        requesterData = event.requesterEmail() != null;
    }

    @EventSourcingHandler
    void on(RequestLinked event) {
        memberId = event.memberId();
    }

    @EventSourcingHandler
    void on(RequestClosedNoDataHeld event) {
        completed = true;
    }

    @EventSourcingHandler
    void on(RequesterDataShredded event) {
        requesterShredded = true;
    }

    @EventSourcingHandler
    void on(IdentityVerified event) {
        verified = true;
    }

    @EventSourcingHandler
    void on(VerificationChallengeIssued event) {
        challengeDigest = event.codeDigest();
        challengeExpiresAt = event.expiresAt();
        challengeFailures = 0;
    }

    @EventSourcingHandler
    void on(VerificationChallengeFailed event) {
        challengeFailures = event.failures();
    }

    @EventSourcingHandler
    void on(RequestExtended event) {
        extended = true;
        dueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(RequestCompleted event) {
        completed = true;
    }

    @EventSourcingHandler
    void on(RequestRefused event) {
        refused = true;
    }
}
