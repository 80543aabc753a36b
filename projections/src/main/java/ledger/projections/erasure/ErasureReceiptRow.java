package ledger.projections.erasure;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One erasure: whose (id only), why, when, by whom, automatic or not. No personal data. */
@MappedEntity("erasure_receipt")
public record ErasureReceiptRow(
        @Id UUID subjectId,
        String subjectType,
        String ground,
        Instant erasedAt,
        String actorPrincipal,
        String actorRole,
        boolean automatic) {
}
