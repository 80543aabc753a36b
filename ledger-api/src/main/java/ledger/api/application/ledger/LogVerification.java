package ledger.api.application.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * The service's verification of the log ({@link LogVerifier} on the stored checkpoints and the
 * checkpoint files outside the database), on a schedule and on request. Results are stored, so
 * every node answers with the fleet's latest. One verification at a time per node.
 * <p>
 * The database alone cannot show that it was cut back or rewritten together with its own
 * checkpoints: the files can. A checkpoint file whose size the database's log does not reach, or
 * whose root it does not match, or whose row was deleted from the database, is a finding.
 */
public interface LogVerification {

    /** The first problem: the leaf's index, its event id and global index where known, and why. */
    record Bad(Long index, String eventId, Long globalIndex, String reason) {
    }

    public enum Status { OK, FAILED }

    /**
     * A verification's result; {@code firstBad} is null when the log is intact; {@code from} is the tree
     * size it went on from (0: every leaf was recomputed from its row).
     */
    public record Result(Status status, long treeSize, Instant checkedAt, Bad firstBad, long from) {

        public Result(Status status, long treeSize, Instant checkedAt, Bad firstBad) {
            this(status, treeSize, checkedAt, firstBad, 0);
        }
    }

    /** Verifies every leaf, root and stored checkpoint now, stores and answers the result. */
    Result verifyNow();

    /**
     * Verifies what was added since this node's last intact verification (the stored tree must still
     * hold the verified one: its root and a consistency proof to the last checkpoint; the new leaves
     * are recomputed from their rows, the new checkpoints checked), stores and answers the result.
     * Without such a verification on this node (a start, a finding since), a full one.
     */
    Result verifySinceLastVerified();

    /** The scheduled verification: since the last one, and every leaf at least once per full interval. */
    Result verifyScheduled();

    /**
     * The latest stored result of any node, if a verification ever ran; FAILED at once while this
     * node's signing check found the database's log diverged from the signed checkpoints.
     */
    Optional<Result> latest();
}
