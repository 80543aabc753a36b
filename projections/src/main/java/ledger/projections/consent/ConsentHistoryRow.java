package ledger.projections.consent;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One consent given or withdrawn; no personal data, so it is kept after erasure. */
@MappedEntity("consent_history")
public record ConsentHistoryRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        long seq,
        UUID consentId,
        String type,
        String purpose,
        String policyVersion,
        @Nullable String channel,
        Instant at,
        String actorPrincipal,
        String actorRole,
        @Nullable String noticeSha256,
        @Nullable String language,
        @Nullable String actingUser,
        @Nullable String eventId) {
}
