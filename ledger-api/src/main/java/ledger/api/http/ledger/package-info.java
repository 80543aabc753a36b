/** The verifiable ledger for auditors: signed checkpoints, the public key, leaves, proofs, verification. */
package ledger.api.http.ledger;
