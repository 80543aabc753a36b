/**
 * Art. 19 notifications to recipients: the transactional outbox (rows written in the transaction
 * that records the change) and their delivery, signed with HMAC-SHA256 and retried with backoff.
 */
package ledger.api.infrastructure.notification;
