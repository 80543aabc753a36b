package ledger.core.member;

import java.time.Instant;
import java.util.UUID;

import ledger.core.shared.Actor;

/**
 * Consent given to one purpose under a registered notice (Art. 7(1): demonstrable consent):
 * {@code policyVersion} names the notice version, {@code noticeSha256} the SHA-256 of its text and
 * {@code language} its language. Consents stored before notices were registered by hash read the
 * last two as {@code null}: they record the version only.
 */
public record ConsentGiven(
        MemberId memberId,
        UUID consentId,
        String purpose,
        String policyVersion,
        String noticeSha256,
        String language,
        String channel,
        Actor by,
        Instant at) implements MemberEvent {
}
