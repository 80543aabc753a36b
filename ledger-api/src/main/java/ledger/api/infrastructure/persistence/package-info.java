/** JDBC stores outside the event store: idempotency records, username claims, the read audit, and the embedded PostgreSQL default. */
package ledger.api.infrastructure.persistence;
