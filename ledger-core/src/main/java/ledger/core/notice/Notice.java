package ledger.core.notice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import ledger.core.notice.NoticeRefusals.RecipientPurposeNotInNotice;
import ledger.core.purpose.PurposeCatalog;

/**
 * One version of the privacy notice. Registered once, never changed: a changed text is a new
 * version. Registration reaches beyond the aggregate (the registry every node reads) and so
 * enters through {@link NoticeRegistration}.
 */
public class Notice {

    @AggregateIdentifier
    private NoticeVersion version;
    private String sha256;

    protected Notice() {
        // for Axon
    }

    /** Only {@link NoticeRegistration} creates notices, after {@link #check} passed. */
    Notice(RegisterNotice command, String sha256, Instant now) {
        apply(new NoticeRegistered(command.version(), command.language(), command.url(), command.text(), sha256,
                command.effectiveFrom(), command.purposes(), command.retention(), command.recipients(),
                command.requestedBy(), now));
    }

    /** The guards of registration: configured purposes only, and recipients only for the notice's purposes. */
    static void check(RegisterNotice command, PurposeCatalog purposes) {
        purposes.requireKnown(command.purposes().keySet());
        boolean strayRecipient = command.recipients().stream()
                .anyMatch(r -> !command.purposes().keySet().containsAll(r.purposes()));
        if (strayRecipient) {
            throw new RecipientPurposeNotInNotice();
        }
    }

    /** Only {@link NoticeRegistration} translates, after the registry took the translation. */
    void translate(TranslateNotice command, String sha256, Instant now) {
        apply(new NoticeTranslated(command.version(), command.language(), command.text(), sha256,
                command.requestedBy(), now));
    }

    @EventSourcingHandler
    void on(NoticeRegistered event) {
        version = event.version();
        sha256 = event.sha256();
    }
}
