package ledger.api.http.notification;

import org.springframework.stereotype.Component;

import ledger.api.application.notification.NotificationOutbox;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class NotificationContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Notifications", "GDPR Art. 19: recipients told of rectifications, erasures and restrictions "
                + "(the DPM).");
        api.schema(NotificationOutbox.Notification.class, "RecipientNotification", "An Art. 19 notification "
                + "to a recipient: which member, which kind of change (RECTIFICATION, ERASURE, RESTRICTION, "
                + "RESTRICTION_LIFTED), which fields (names only), its status (PENDING, DELIVERED, FAILED), "
                + "attempts and when the recipient acknowledged it.");
        api.schema(NotificationOutbox.Delivery.class, "NotificationDelivery", "One delivery attempt: when, "
                + "the recipient's HTTP status or the type of the failure, and the outcome (ACKNOWLEDGED, "
                + "REJECTED, ERROR).");
        api.schema(NotificationController.NotificationDetail.class, "RecipientNotificationDetail", "A "
                + "notification with every delivery attempt.");
    }
}
