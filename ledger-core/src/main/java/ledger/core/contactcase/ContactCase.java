package ledger.core.contactcase;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import ledger.core.shared.RetentionPolicy;

/** A message sent through the contact form, kept as long as needed and at most three years. */
public class ContactCase {

    @AggregateIdentifier
    private ContactCaseId caseId;
    private Instant erasureDueAt;
    private boolean closed;
    private Instant erasedAt;

    protected ContactCase() {
        // for Axon
    }

    ContactCase(OpenContactCase command, RetentionPolicy retention) {
        Instant now = GenericEventMessage.clock.instant();
        apply(new ContactCaseOpened(command.caseId(), command.name(), command.email(), command.message(),
                retention.contactCaseErasureDue(now), command.requestedBy(), now));
    }

    /** Closing a closed case records nothing. */
    @CommandHandler
    public void handle(CloseContactCase command) {
        if (erasedAt != null) {
            throw new ContactCaseIsErased();
        }
        if (closed) {
            return;
        }
        apply(new ContactCaseClosed(caseId, command.requestedBy(), GenericEventMessage.clock.instant()));
    }

    /** Erasure is terminal; a repetition answers the first time and records nothing. */
    Instant erase(EraseContactCase command) {
        if (erasedAt == null) {
            apply(new ContactCaseErased(caseId, command.requestedBy(), GenericEventMessage.clock.instant()));
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
    public static final class ContactCaseIsErased extends ledger.core.shared.Refusal {
        public ContactCaseIsErased() {
            super(Kind.CONFLICT, "contact-case-erased", "the contact case has been erased");
        }
    }
}
