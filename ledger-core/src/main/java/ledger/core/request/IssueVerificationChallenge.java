package ledger.core.request;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/**
 * The DPM issues a one-time code for the portal to show the signed-in member. The command carries only
 * the code's keyed digest (lowercase hex): the code itself is never stored.
 */
public record IssueVerificationChallenge(
        @TargetAggregateIdentifier RequestId requestId,
        String codeDigest,
        Instant expiresAt,
        Actor requestedBy) {
}
