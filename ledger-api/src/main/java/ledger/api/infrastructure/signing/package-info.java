/** The ledger's Ed25519 signing key (created 0600 for local runs only) and what signs with it: checkpoints and JWS receipts. */
package ledger.api.infrastructure.signing;
