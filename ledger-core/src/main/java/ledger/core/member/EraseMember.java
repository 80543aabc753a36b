package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/**
 * Erases all personal data of the member; terminal. A manual erasure (the DPM) is refused while a
 * legal hold stands; an automatic one (retention) is deferred until the last hold is released; a
 * journaled erasure re-applied after a restore ({@link #restoredBackup}) is neither.
 */
public record EraseMember(
        @TargetAggregateIdentifier MemberId memberId,
        ErasureGround ground,
        Actor requestedBy,
        boolean automatic) implements MemberCommand {

    public static EraseMember manual(MemberId memberId, ErasureGround ground, Actor requestedBy) {
        return new EraseMember(memberId, ground, requestedBy, false);
    }

    public static EraseMember automatic(MemberId memberId, ErasureGround ground) {
        return new EraseMember(memberId, ground, Actor.SYSTEM, true);
    }

    /**
     * Re-applies an erasure that the erasure journal holds and the database does not know. The
     * erasure happened (no hold stood then, or it would have been refused), so a hold found in the
     * restored database predates it and does not stop it.
     */
    public static EraseMember restoredBackup(MemberId memberId) {
        return new EraseMember(memberId, ErasureGround.RESTORED_BACKUP, Actor.SYSTEM, true);
    }
}
