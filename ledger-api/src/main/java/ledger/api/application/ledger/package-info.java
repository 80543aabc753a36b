/** Ports of the verifiable ledger as its readers use it: the log (TransparencyLog: leaves, checkpoints, proofs, evidence) and its verification (LogVerification). */
package ledger.api.application.ledger;
