package ledger.core.contactcase;

import java.time.Instant;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;

import ledger.core.shared.RetentionPolicy;

/** Opens contact cases and answers with the erasure date the case recorded. */
public class ContactCaseIntake {

    private final Repository<ContactCase> cases;

    public ContactCaseIntake(Repository<ContactCase> cases) {
        this.cases = cases;
    }

    /** What the sender of the contact form is told. */
    public record Opened(ContactCaseId caseId, Instant erasureDueAt) {
    }

    @CommandHandler
    public Opened handle(OpenContactCase command, RetentionPolicy retention, DeadlineManager deadlines)
            throws Exception {
        Instant due = cases.newInstance(() -> new ContactCase(command, retention, deadlines))
                .invoke(ContactCase::erasureDueAt);
        return new Opened(command.caseId(), due);
    }
}
