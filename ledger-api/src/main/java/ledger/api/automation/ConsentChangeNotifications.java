package ledger.api.automation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import ledger.api.infrastructure.notification.RecipientNotifications;
import ledger.api.infrastructure.notification.RecipientNotifications.Kind;
import ledger.core.member.ConsentWithdrawn;
import ledger.core.member.InactivityWarned;
import ledger.core.member.ObjectionRecorded;

/**
 * A withdrawal or an objection reaches the processors of its purpose (the newsletter service stops
 * mailing), and an inactivity warning the recipients configured for it (the portal mails the member): written to the outbox in the transaction that stores the event, like Art. 19's
 * notifications (same subscribing processor), delivered signed and retried by the outbox.
 */
@Component
@ProcessingGroup(Article19Notifications.NAME)
class ConsentChangeNotifications {

    private final RecipientNotifications notifications;

    ConsentChangeNotifications(RecipientNotifications notifications) {
        this.notifications = notifications;
    }

    @EventHandler
    void on(ConsentWithdrawn event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        notifications.consentChanged(event.memberId(), event.purpose(), Kind.CONSENT_WITHDRAWN, eventId, sequence,
                event.at());
    }

    /** 30 days before a membership ends for inactivity, the portal (configured for it) mails the member. */
    @EventHandler
    void on(InactivityWarned event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        notifications.inactivityWarned(event.memberId(), event.membershipEndsAt(), eventId, sequence, event.at());
    }

    @EventHandler
    void on(ObjectionRecorded event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        notifications.consentChanged(event.memberId(), event.purpose(), Kind.OBJECTION, eventId, sequence, event.at());
    }
}
