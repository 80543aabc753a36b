package ledger.core.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.notice.ConsentNotice;
import ledger.core.shared.Actor;

/**
 * Gives consent to one purpose under a registered notice (looked up by the caller), through a
 * channel (e.g. "portal").
 */
public record GiveConsent(
        @TargetAggregateIdentifier MemberId memberId,
        String purpose,
        ConsentNotice notice,
        String channel,
        Actor requestedBy) implements MemberCommand {
}
