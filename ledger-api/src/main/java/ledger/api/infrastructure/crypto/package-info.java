/**
 * The key vault on PostgreSQL, the master keys that wrap its data keys, the fleet's active key and its checks
 * (start-up, readiness), their rotation and the vacuum after an erasure; the erasure journal outside the
 * database and its re-application at start.
 */
package ledger.api.infrastructure.crypto;
