/** The port of the Idempotency-Key records (IdempotencyStore), used by the HTTP filter; the table is infrastructure's. */
package ledger.api.application.idempotency;
