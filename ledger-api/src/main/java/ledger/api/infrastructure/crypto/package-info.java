/** The key vault on PostgreSQL, the master keys that wrap its data keys, the fleet's active key and its checks (start-up, readiness), their rotation and the vacuum after an erasure. */
package ledger.api.infrastructure.crypto;
