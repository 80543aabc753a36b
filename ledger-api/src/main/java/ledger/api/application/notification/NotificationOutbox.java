package ledger.api.application.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox of recipient notifications (Art. 19) and the record of their deliveries. Rows are
 * written through the caller's transaction (the one that stores the member event), at most once per
 * recipient and event; deliveries claim due rows with {@code SKIP LOCKED}, so nodes never send one
 * twice at the same time. No personal data: member ids, kinds of change, field names.
 */
public interface NotificationOutbox {

    public enum Status { PENDING, DELIVERED, FAILED }

    public record Notification(UUID notificationId, String recipient, UUID memberId, String kind,
                               List<String> fields, long eventSeq, Instant createdAt, Status status, int attempts,
                               Instant nextAttemptAt, Instant acknowledgedAt) {
    }

    public record Delivery(int attempt, Instant at, Integer httpStatus, String outcome, String failure) {
    }

    /** Newest first; both filters optional. */
    List<Notification> list(UUID memberId, Status status, int limit);

    Optional<Notification> find(UUID notificationId);

    List<Delivery> deliveries(UUID notificationId);
}
