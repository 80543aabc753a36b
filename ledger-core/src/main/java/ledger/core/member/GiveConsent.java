package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** Gives consent to one purpose under a policy version, through a channel (e.g. "portal"). */
public record GiveConsent(
        @TargetAggregateIdentifier MemberId memberId,
        String purpose,
        String policyVersion,
        String channel,
        Actor requestedBy) implements MemberCommand {
}
