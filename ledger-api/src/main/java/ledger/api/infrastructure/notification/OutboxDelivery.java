package ledger.api.infrastructure.notification;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.api.infrastructure.database.DatabaseFailures;
import ledger.api.infrastructure.scheduling.NodeLoop;

/**
 * Delivers the outbox (Art. 19): a JSON POST to the recipient's notify-url, signed with HMAC-SHA256
 * ({@link NotificationSignature}), with {@code X-Ledger-Notification} (the id, for de-duplication)
 * and {@code X-Ledger-Attempt}. A 2xx answer is the acknowledgement; anything else is tried again
 * after a backoff that doubles from {@code initial-backoff} up to {@code max-backoff}, and given up
 * after {@code max-attempts}. Every attempt is recorded. Each node polls; a claim moves the next
 * attempt past the request's timeout, so a node that dies mid-delivery leaves it to another.
 * Logs name recipients and outcomes, never a payload, a secret or an exception message.
 */
@Component
class OutboxDelivery implements SmartLifecycle {

    static final String NOTIFICATION_HEADER = "X-Ledger-Notification";
    static final String ATTEMPT_HEADER = "X-Ledger-Attempt";

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final JdbcNotificationOutbox outbox;
    private final Map<String, RecordOfProcessing.Recipient> recipients;
    private final LedgerProperties.Notifications settings;
    private final Clock clock;
    private final HttpClient http;
    private volatile NodeLoop poller;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    OutboxDelivery(JdbcNotificationOutbox outbox, LedgerProperties properties, Clock clock) {
        this.outbox = outbox;
        this.recipients = properties.register().recipients().stream().filter(RecordOfProcessing.Recipient::notified)
                .collect(Collectors.toMap(RecordOfProcessing.Recipient::name, Function.identity(), (a, b) -> a));
        this.settings = properties.notifications();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        outbox.onEnqueued(this::wake);
    }

    /** Notifications were committed on this node: deliver now rather than at the next poll (commits in a burst share it). */
    void wake() {
        NodeLoop running = poller;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                // 100 ms: the commits of a burst share one look at the outbox
                running.after(Duration.ofMillis(100), () -> {
                    wakeQueued.set(false);
                    poll();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // shutting down
            }
        }
    }

    /** Delivers what is due now; answers how many were attempted. */
    int deliverDue() {
        Instant now = clock.instant();
        var due = outbox.claimDue(now, now.plus(settings.timeout().multipliedBy(3)), settings.batchSize());
        for (JdbcNotificationOutbox.Due notification : due) {
            deliver(notification);
        }
        return due.size();
    }

    private void deliver(JdbcNotificationOutbox.Due notification) {
        int attempt = notification.attempts() + 1;
        RecordOfProcessing.Recipient recipient = recipients.get(notification.recipient());
        if (recipient == null) {
            // the recipient was removed from the configuration (or lost its notify-url) meanwhile
            outbox.failed(notification.notificationId(), attempt, null, "recipient-not-configured", clock.instant(),
                    null);
            return;
        }
        byte[] body = notification.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(recipient.notifyUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(NotificationSignature.HEADER, NotificationSignature.of(recipient.notifySecret(), body))
                .header(NOTIFICATION_HEADER, notification.notificationId().toString())
                .header(ATTEMPT_HEADER, Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Integer status = null;
        String failure = null;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            failure = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "Interrupted";
        }
        Instant at = clock.instant();
        if (status != null && status >= 200 && status < 300) {
            outbox.acknowledged(notification.notificationId(), attempt, status, at);
            return;
        }
        Instant retryAt = attempt >= settings.maxAttempts() ? null : at.plus(backoff(attempt));
        outbox.failed(notification.notificationId(), attempt, status, failure, at, retryAt);
        log.warn("Notification to {} failed (attempt {}, {}); {}", recipient.name(), attempt,
                status != null ? "HTTP " + status : failure, retryAt == null ? "given up" : "tried again later");
    }

    /** initial, 2 x initial, 4 x initial, ... at most max. */
    Duration backoff(int failedAttempts) {
        Duration delay = settings.initialBackoff();
        for (int i = 1; i < failedAttempts && delay.compareTo(settings.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : delay;
    }

    private void poll() {
        try {
            while (deliverDue() == settings.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            if (DatabaseFailures.unavailable(e)) {
                log.warn("Notification outbox unavailable ({}); trying again", e.getClass().getName());
            } else {
                log.error("Notification delivery failed ({})", e.getClass().getName());
            }
        }
    }

    @Override
    public void start() {
        poller = NodeLoop.start("notification-delivery");
        poller.every(settings.pollInterval(), settings.pollInterval(), this::poll);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.stop();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
}
}
