package ledger.core.erasure;

import ledger.core.shared.Actor;
import ledger.core.shared.Refusal;

/**
 * The legal ground of an erasure (GDPR Art. 17(1)). A closed vocabulary on purpose: free-text
 * reasons tend to carry personal data into the audit trail, which outlives the member's key.
 */
public enum ErasureGround {
    /** Art. 17(1)(a): no longer necessary, e.g. the retention period after the membership passed. */
    RETENTION_EXPIRED,
    /** Art. 17(1)(b): consent withdrawn and no other legal ground. */
    CONSENT_WITHDRAWN,
    /** The member asked for erasure. */
    MEMBER_REQUEST,
    /** Art. 17(1)(c): the member objected to the processing. */
    OBJECTION,
    /** Art. 17(1)(d): the data was processed unlawfully. */
    UNLAWFUL_PROCESSING,
    /** Art. 17(1)(e): erasure required by a legal obligation. */
    LEGAL_OBLIGATION,
    /**
     * Given only by the ledger itself: an erasure recorded in the erasure journal (outside the
     * database) re-applied at start to a database that did not know it, e.g. one restored from a
     * backup taken before the erasure. Any other caller naming it is refused.
     */
    RESTORED_BACKUP;

    /** Refuses {@link #RESTORED_BACKUP} unless the ledger itself ({@link Actor#SYSTEM}) asks. */
    public void requireAllowedFor(Actor requestedBy) {
        if (this == RESTORED_BACKUP && !Actor.SYSTEM.equals(requestedBy)) {
            throw new ReservedErasureGround();
        }
    }

    /** A caller named a ground that only the ledger gives. */
    public static final class ReservedErasureGround extends Refusal {
        public ReservedErasureGround() {
            super(Kind.INVALID, "reserved-erasure-ground",
                    "the ground RESTORED_BACKUP is given only by the ledger when it re-applies journaled erasures");
        }

        @Override
        protected String field() {
            return "ground";
        }
    }
}
