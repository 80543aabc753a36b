package ledger.api.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import ledger.api.infrastructure.axon.EventStoreMemberPurposes;
import ledger.api.infrastructure.notification.RecipientNotifications;
import ledger.api.infrastructure.notification.RecipientNotifications.Kind;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.ProcessingRestricted;
import ledger.core.member.ProfileEdited;
import ledger.core.member.ProfileFieldRemoved;
import ledger.core.member.RestrictionLifted;

/**
 * Art. 19: recipients that received a member's data are told of every rectification, erasure and
 * restriction (and its lifting). A subscribing processor: the outbox rows are written in the very
 * transaction that stores the event (a transactional outbox), so a change is never stored without
 * its notifications nor the other way round; the outbox delivers them ({@code OutboxDelivery}).
 * Subscribing handlers never replay, so nothing is told twice.
 */
@Component
@ProcessingGroup(Article19Notifications.NAME)
class Article19Notifications {

    static final String NAME = "recipient-notifications";

    private final RecipientNotifications notifications;
    private final EventStoreMemberPurposes purposes;

    Article19Notifications(RecipientNotifications notifications, EventStoreMemberPurposes purposes) {
        this.notifications = notifications;
        this.purposes = purposes;
    }

    /** The names of the fields the edit changed; never their values. */
    @EventHandler
    void on(ProfileEdited event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        List<String> fields = new ArrayList<>();
        if (event.givenName() != null) {
            fields.add("givenName");
        }
        if (event.familyName() != null) {
            fields.add("familyName");
        }
        if (event.company() != null) {
            fields.add("company");
        }
        if (event.email() != null) {
            fields.add("email");
        }
        tell(event.memberId(), Kind.RECTIFICATION, fields, eventId, sequence, event.at());
    }

    /** A removed optional field is a rectification too: its name, never its old value. */
    @EventHandler
    void on(ProfileFieldRemoved event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        tell(event.memberId(), Kind.RECTIFICATION, List.of(event.field()), eventId, sequence, event.at());
    }

    @EventHandler
    void on(MemberErased event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        tell(event.memberId(), Kind.ERASURE, List.of(), eventId, sequence, event.at());
    }

    @EventHandler
    void on(ProcessingRestricted event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        tell(event.memberId(), Kind.RESTRICTION, List.of(), eventId, sequence, event.at());
    }

    @EventHandler
    void on(RestrictionLifted event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        tell(event.memberId(), Kind.RESTRICTION_LIFTED, List.of(), eventId, sequence, event.at());
    }

    private void tell(MemberId member, Kind kind, List<String> fields, String eventId, long sequence, Instant at) {
        if (notifications.anyNotified()) {
            notifications.changed(member, purposes.consentedBefore(member, sequence), kind, fields, eventId, sequence,
                    at);
        }
    }
}
