package ledger.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import ledger.core.shared.Actor;

/** The portal passes on the code the member typed, as its keyed digest (lowercase hex). */
public record AnswerVerificationChallenge(
        @TargetAggregateIdentifier RequestId requestId,
        String codeDigest,
        Actor requestedBy) {

    /** Whether the code verified the requester, and how many wrong codes the challenge still takes. */
    public record Outcome(boolean verified, int attemptsLeft) {
    }
}
