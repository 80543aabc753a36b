package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * The DPM restricts processing of the member's data (Art. 18): it is kept, but only rectification,
 * withdrawal, erasure and lifting pass until the restriction is lifted.
 */
public record RestrictProcessing(
        @TargetAggregateIdentifier MemberId memberId,
        RestrictionGround ground,
        Actor requestedBy) implements MemberCommand {
}
