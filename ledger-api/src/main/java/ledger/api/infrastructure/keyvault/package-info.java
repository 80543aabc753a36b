/** The key vault: the master keys (from the environment, never the database), each subject's wrapped data key, its shredding and the vacuum after it, keyed digests derived from the master key. */
package ledger.api.infrastructure.keyvault;
