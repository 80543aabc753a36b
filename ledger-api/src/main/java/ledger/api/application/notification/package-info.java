/** The port of the Art. 19 notification outbox as the DPM reads it (NotificationOutbox). */
package ledger.api.application.notification;
