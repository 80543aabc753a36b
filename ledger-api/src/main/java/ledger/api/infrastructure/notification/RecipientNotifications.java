package ledger.api.infrastructure.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.core.member.MemberId;

/**
 * Which recipients are told of a change (Art. 19), and what: every recipient with a notify-url that
 * received the member's data, that is, serves a purpose the member consented to before the change.
 * The notification says which member and which fields changed, never their values.
 */
@Component
public class RecipientNotifications {

    /** The kinds of change recipients are told of. */
    /**
     * What a notification tells. Art. 19's kinds keep their upper-case names; a consent change reaching a
     * processor of its purpose is {@code consent-withdrawn} or {@code objection} (issue 31's contract).
     */
    public enum Kind {
        RECTIFICATION("RECTIFICATION"), ERASURE("ERASURE"), RESTRICTION("RESTRICTION"),
        RESTRICTION_LIFTED("RESTRICTION_LIFTED"), CONSENT_WITHDRAWN("consent-withdrawn"), OBJECTION("objection"),
        INACTIVITY_WARNING("inactivity-warning");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final List<RecordOfProcessing.Recipient> recipients;
    private final JdbcNotificationOutbox outbox;
    private final String controller;
    private final ObjectMapper json = new ObjectMapper();

    public RecipientNotifications(LedgerProperties properties, JdbcNotificationOutbox outbox) {
        this.recipients = properties.register().recipients().stream().filter(RecordOfProcessing.Recipient::notified)
                .toList();
        this.outbox = outbox;
        this.controller = properties.register().controller() == null ? null
                : properties.register().controller().name();
    }

    /** Whether any recipient is to be told of changes at all (then the member's purposes are looked up). */
    public boolean anyNotified() {
        return !recipients.isEmpty();
    }

    /**
     * A consent to {@code purpose} withdrawn, or an objection to it (Art. 21): every recipient configured
     * for that purpose is told to stop (the newsletter service stops mailing), whatever else it received.
     * No personal data: the member's id, the purpose, the moment. In the caller's transaction.
     */
    public void consentChanged(MemberId member, String purpose, Kind kind, String eventId, long eventSeq,
                               Instant occurredAt) {
        for (RecordOfProcessing.Recipient recipient : recipients) {
            if (!recipient.purposes().contains(purpose)) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("notificationId", id.toString());
            payload.put("type", kind.wire());
            payload.put("article", kind == Kind.OBJECTION ? "GDPR Art. 21" : "GDPR Art. 7(3)");
            payload.put("controller", controller);
            payload.put("memberId", member.toString());
            payload.put("purpose", purpose);
            payload.put("occurredAt", occurredAt.toString());
            try {
                outbox.enqueue(id, recipient.name(), member.value(), kind.wire(), List.of(), eventId, eventSeq,
                        json.writeValueAsString(payload), occurredAt);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a notification is plain JSON", e);
            }
        }
    }

    /**
     * The membership ends for inactivity at {@code endsAt} unless the member uses the portal: the recipients
     * configured for it ({@code inactivity-warnings}, e.g. the portal, which mails the member) are told. No
     * personal data: the member's id and the moment. In the caller's transaction.
     */
    public void inactivityWarned(MemberId member, Instant endsAt, String eventId, long eventSeq, Instant occurredAt) {
        for (RecordOfProcessing.Recipient recipient : recipients) {
            if (!recipient.inactivityWarnings()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("notificationId", id.toString());
            payload.put("type", Kind.INACTIVITY_WARNING.wire());
            payload.put("controller", controller);
            payload.put("memberId", member.toString());
            payload.put("membershipEndsAt", endsAt.toString());
            payload.put("occurredAt", occurredAt.toString());
            try {
                outbox.enqueue(id, recipient.name(), member.value(), Kind.INACTIVITY_WARNING.wire(), List.of(), eventId,
                        eventSeq, json.writeValueAsString(payload), occurredAt);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a notification is plain JSON", e);
            }
        }
    }

    /** Writes the outbox rows, in the caller's transaction. */
    public void changed(MemberId member, Set<String> consentedPurposes, Kind kind, List<String> fields,
                        String eventId, long eventSeq, Instant occurredAt) {
        for (RecordOfProcessing.Recipient recipient : recipients) {
            if (recipient.purposes().stream().noneMatch(consentedPurposes::contains)) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("notificationId", id.toString());
            payload.put("type", kind.wire());
            payload.put("article", "GDPR Art. 19");
            payload.put("controller", controller);
            payload.put("memberId", member.toString());
            payload.put("fields", new ArrayList<>(fields));
            payload.put("occurredAt", occurredAt.toString());
            try {
                outbox.enqueue(id, recipient.name(), member.value(), kind.wire(), fields, eventId, eventSeq,
                        json.writeValueAsString(payload), occurredAt);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a notification is plain JSON", e);
            }
        }
    }
}
