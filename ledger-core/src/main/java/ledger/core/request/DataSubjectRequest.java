package ledger.core.request;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import ledger.core.member.MemberId;
import ledger.core.request.RequestRefusals.AlreadyExtended;
import ledger.core.request.RequestRefusals.ExtensionTooLate;
import ledger.core.request.RequestRefusals.ExtensionTooLong;
import ledger.core.request.RequestRefusals.MemberMismatch;
import ledger.core.request.RequestRefusals.ReceivedBeforeRecords;
import ledger.core.request.RequestRefusals.ReceivedInTheFuture;
import ledger.core.request.RequestRefusals.RequestCompletedAlready;

/**
 * A data-subject request (access, rectification, erasure, withdrawal, portability). Due one
 * calendar month after receipt; extendable once, by up to two further months, decided within the
 * first month (Art. 12(3)); completed by linking the member event that answered it.
 */
public class DataSubjectRequest {

    @AggregateIdentifier
    private RequestId requestId;
    private MemberId memberId;
    private RequestType type;
    private Instant dueAt;
    private boolean extended;
    private boolean completed;

    protected DataSubjectRequest() {
        // for Axon
    }

    @CommandHandler
    public DataSubjectRequest(RecordRequest command) {
        Instant now = now();
        if (command.receivedAt().isBefore(Instant.EPOCH)) {
            throw new ReceivedBeforeRecords();
        }
        if (command.receivedAt().isAfter(now)) {
            throw new ReceivedInTheFuture();
        }
        apply(new RequestRecorded(command.requestId(), command.memberId(), command.type(), command.receivedAt(),
                RequestDeadline.initial(command.receivedAt()), command.requestedBy(), now));
    }

    @CommandHandler
    public Instant handle(ExtendRequest command) {
        if (completed) {
            throw new RequestCompletedAlready();
        }
        if (!memberId.equals(command.memberId())) {
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

    /** The link is verified by {@link RequestCompletion} before this is called. */
    void complete(CompleteRequest command) {
        if (completed) {
            throw new RequestCompletedAlready();
        }
        apply(new RequestCompleted(requestId, memberId, command.resultingEventType(), command.resultingEventSeq(),
                command.requestedBy(), now()));
    }

    MemberId memberId() {
        return memberId;
    }

    RequestType type() {
        return type;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(RequestRecorded event) {
        requestId = event.requestId();
        memberId = event.memberId();
        type = event.type();
        dueAt = event.dueAt();
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
}
