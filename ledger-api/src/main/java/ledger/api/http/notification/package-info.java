/** Art. 19 notifications to recipients, and each delivery and acknowledgement, for the DPM. */
package ledger.api.http.notification;
