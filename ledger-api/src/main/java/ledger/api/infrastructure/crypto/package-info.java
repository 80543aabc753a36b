/** The key vault on PostgreSQL, the master keys that wrap its data keys, their rotation and the vacuum after an erasure. */
package ledger.api.infrastructure.crypto;
