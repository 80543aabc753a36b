package ledger.core.contactcase;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;
import ledger.core.shared.RetentionPolicy;

/**
 * A message sent through the contact form, kept as long as needed and at most three years (or a
 * configured shorter period after it is closed); a persistent deadline makes erasure fall due.
 */
public class ContactCase {

    static final String RETENTION_DEADLINE = "contact-case-retention";

    @AggregateIdentifier
    private ContactCaseId caseId;
    private Instant erasureDueAt;
    private boolean closed;
    private Instant erasedAt;

    protected ContactCase() {
        // for Axon
    }

    ContactCase(OpenContactCase command, RetentionPolicy retention, DeadlineManager deadlines) {
        Instant now = GenericEventMessage.clock.instant();
        Instant due = retention.contactCaseErasureDue(now);
        apply(new ContactCaseOpened(command.caseId(), command.name(), command.email(), command.message(),
                due, command.requestedBy(), now));
        deadlines.schedule(due, RETENTION_DEADLINE);
    }

    /** Closing a closed case records nothing; closing may bring the erasure forward. */
    @CommandHandler
    public void handle(CloseContactCase command, RetentionPolicy retention, DeadlineManager deadlines) {
        if (erasedAt != null) {
            throw new ContactCaseIsErased();
        }
        if (closed) {
            return;
        }
        Instant now = GenericEventMessage.clock.instant();
        apply(new ContactCaseClosed(caseId, command.requestedBy(), now));
        Instant due = retention.contactCaseErasureDueAfterClosure(erasureDueAt, now);
        if (due.isBefore(erasureDueAt)) {
            deadlines.cancelAllWithinScope(RETENTION_DEADLINE);
            deadlines.schedule(due, RETENTION_DEADLINE);
        }
    }

    @DeadlineHandler(deadlineName = RETENTION_DEADLINE)
    void retentionPassed() {
        if (erasedAt == null) {
            apply(new ContactCaseErasureDue(caseId, Actor.SYSTEM, GenericEventMessage.clock.instant()));
        }
    }

    /** Erasure is terminal; a repetition answers the first time and records nothing. */
    Instant erase(EraseContactCase command, DeadlineManager deadlines) {
        if (erasedAt == null) {
            apply(new ContactCaseErased(caseId, command.ground(), command.requestedBy(),
                    GenericEventMessage.clock.instant()));
            deadlines.cancelAllWithinScope(RETENTION_DEADLINE);
        }
        return erasedAt;
    }

    Instant erasureDueAt() {
        return erasureDueAt;
    }

    @EventSourcingHandler
    void on(ContactCaseOpened event) {
        caseId = event.caseId();
        erasureDueAt = event.erasureDueAt();
    }

    @EventSourcingHandler
    void on(ContactCaseClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(ContactCaseErased event) {
        erasedAt = event.at();
    }

    /** Nothing can be recorded on an erased case. */
    public static final class ContactCaseIsErased extends Refusal {
        public ContactCaseIsErased() {
            super(Kind.CONFLICT, "contact-case-erased", "the contact case has been erased");
        }
    }
}
