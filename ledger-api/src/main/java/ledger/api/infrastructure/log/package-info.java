/**
 * The verifiable ledger (docs/verifiable-ledger.md): the sequencer that appends every stored event as a
 * leaf of an RFC 9162 Merkle log after commit, signed checkpoints in PostgreSQL and in files outside it,
 * proofs, and the verifier that the scheduled verification and the offline {@code verify} command share.
 * The hashing, proofs and signed notes themselves are in {@code ledger.core.log}.
 */
package ledger.api.infrastructure.log;
