package ledger.api.infrastructure.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import ledger.api.application.notification.NotificationOutbox;

/** The NotificationOutbox port as infrastructure implements it. */
@Component
public class JdbcNotificationOutbox implements NotificationOutbox {

    /** A claimed notification: what to send where. */
    record Due(UUID notificationId, String recipient, String payload, int attempts) {
    }

    private static final String COLUMNS = "notification_id, recipient, member_id, kind, fields, event_seq, created_at,"
            + " status, attempts, next_attempt_at, acknowledged_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** Told after a transaction that wrote notifications committed (the delivery wakes up). */
    private volatile Runnable enqueued = () -> { };

    JdbcNotificationOutbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** In the caller's transaction; a second row for the same recipient and event is not written. */
    void enqueue(UUID notificationId, String recipient, UUID memberId, String kind, List<String> fields,
                 String eventId, long eventSeq, String payload, Instant now) {
        jdbc.update("INSERT INTO notification_outbox (notification_id, recipient, member_id, kind, fields, event_id,"
                        + " event_seq, payload, created_at, status, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " 'PENDING', ?) ON CONFLICT (recipient, event_id) DO NOTHING",
                notificationId, recipient, memberId, kind, String.join(",", fields), eventId, eventSeq, payload,
                Timestamp.from(now), Timestamp.from(now));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueued.run();
                }
            });
        } else {
            enqueued.run();
        }
    }

    void onEnqueued(Runnable listener) {
        this.enqueued = listener;
    }

    /** Claims up to {@code limit} due notifications, moving their next attempt past {@code leaseUntil}. */
    List<Due> claimDue(Instant now, Instant leaseUntil, int limit) {
        return transactions.execute(tx -> jdbc.query("UPDATE notification_outbox o SET next_attempt_at = ?"
                        + " FROM (SELECT notification_id FROM notification_outbox WHERE status = 'PENDING'"
                        + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
                        + " WHERE o.notification_id = due.notification_id"
                        + " RETURNING o.notification_id, o.recipient, o.payload, o.attempts",
                (rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)),
                Timestamp.from(leaseUntil), Timestamp.from(now), limit));
    }

    /** The recipient acknowledged (2xx). */
    void acknowledged(UUID notificationId, int attempt, int httpStatus, Instant at) {
        transactions.executeWithoutResult(tx -> {
            record(notificationId, attempt, at, httpStatus, "ACKNOWLEDGED", null);
            jdbc.update("UPDATE notification_outbox SET status = 'DELIVERED', attempts = ?, acknowledged_at = ?"
                    + " WHERE notification_id = ?", attempt, Timestamp.from(at), notificationId);
        });
    }

    /** The attempt failed; tried again at {@code retryAt}, or given up when that is {@code null}. */
    void failed(UUID notificationId, int attempt, Integer httpStatus, String failure, Instant at, Instant retryAt) {
        transactions.executeWithoutResult(tx -> {
            record(notificationId, attempt, at, httpStatus, httpStatus != null ? "REJECTED" : "ERROR", failure);
            jdbc.update("UPDATE notification_outbox SET status = ?, attempts = ?, next_attempt_at = ?"
                            + " WHERE notification_id = ?", retryAt == null ? "FAILED" : "PENDING", attempt,
                    Timestamp.from(retryAt == null ? at : retryAt), notificationId);
        });
    }

    private void record(UUID notificationId, int attempt, Instant at, Integer httpStatus, String outcome,
                        String failure) {
        jdbc.update("INSERT INTO notification_delivery (notification_id, attempt, at, http_status, outcome, failure)"
                + " VALUES (?, ?, ?, ?, ?, ?)", notificationId, attempt, Timestamp.from(at), httpStatus, outcome, failure);
    }

    /** Newest first; both filters optional. */
    @Override
    public List<Notification> list(UUID memberId, Status status, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_outbox WHERE (?::uuid IS NULL OR member_id = ?)"
                        + " AND (?::varchar IS NULL OR status = ?) ORDER BY created_at DESC, notification_id LIMIT ?",
                JdbcNotificationOutbox::notification, memberId, memberId, status == null ? null : status.name(),
                status == null ? null : status.name(), limit);
    }

    @Override
    public Optional<Notification> find(UUID notificationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_outbox WHERE notification_id = ?",
                JdbcNotificationOutbox::notification, notificationId).stream().findFirst();
    }

    @Override
    public List<Delivery> deliveries(UUID notificationId) {
        return jdbc.query("SELECT attempt, at, http_status, outcome, failure FROM notification_delivery"
                        + " WHERE notification_id = ? ORDER BY attempt, id",
                (rs, i) -> new Delivery(rs.getInt(1), rs.getTimestamp(2).toInstant(), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getString(5)), notificationId);
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        String fields = rs.getString(5);
        Timestamp acknowledged = rs.getTimestamp(11);
        return new Notification(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getString(4), fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")), rs.getLong(6),
                rs.getTimestamp(7).toInstant(), Status.valueOf(rs.getString(8)), rs.getInt(9),
                rs.getTimestamp(10).toInstant(), acknowledged == null ? null : acknowledged.toInstant());
    }
}
