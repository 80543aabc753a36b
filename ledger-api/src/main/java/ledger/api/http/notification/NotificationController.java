package ledger.api.http.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.notification.NotificationOutbox;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;

/**
 * DPM: what recipients were told of (Art. 19): each notification with its status, and every
 * delivery attempt with its outcome and the recipient's acknowledgement. No personal data.
 */
@RestController
@Tag(name = "Notifications")
@RequestMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationController {

    private static final String STATUSES = Arrays.stream(NotificationOutbox.Status.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    record NotificationDetail(NotificationOutbox.Notification notification, List<NotificationOutbox.Delivery> deliveries) {
    }

    private final NotificationOutbox outbox;
    private final PageLimit pageLimit;

    NotificationController(NotificationOutbox outbox, PageLimit pageLimit) {
        this.outbox = outbox;
        this.pageLimit = pageLimit;
    }

    /** Newest first; {@code status} is pending, delivered or failed. */
    @Operation(
            summary = "List recipient notifications",
            description = "Art. 19 notifications, newest first; by memberId and status (pending, delivered, "
                    + "failed).")
    @RolesAllowed(Roles.DPM)
    @GetMapping
    List<NotificationOutbox.Notification> listNotifications(@RequestParam(required = false) UUID memberId,
                                               @RequestParam(required = false) String status,
                                               @RequestParam(required = false) Integer limit) {
        NotificationOutbox.Status wanted = status == null ? null : Arrays.stream(NotificationOutbox.Status.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(status)).findFirst()
                .orElseThrow(() -> new InvalidParameter("status", "status must be one of: " + STATUSES));
        return outbox.list(memberId, wanted, pageLimit.of(limit));
    }

    @Operation(
            summary = "Read a recipient notification",
            description = "One notification with every delivery attempt and the acknowledgement.")
    @RolesAllowed(Roles.DPM)
    @GetMapping("/{notificationId}")
    NotificationDetail notification(@PathVariable UUID notificationId) {
        NotificationOutbox.Notification notification = outbox.find(notificationId)
                .orElseThrow(() -> ApiProblem.notFound("unknown-notification", "no such notification"));
        return new NotificationDetail(notification, outbox.deliveries(notificationId));
    }
}
