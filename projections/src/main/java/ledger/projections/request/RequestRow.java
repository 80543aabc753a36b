package ledger.projections.request;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A data-subject request with its deadline, identity check and outcome. {@code late} and
 * {@code daysLate} are {@code null} for completions recorded before lateness was.
 */
@MappedEntity("request_view")
public record RequestRow(
        @Id UUID requestId,
        @Nullable UUID memberId,
        String type,
        Instant receivedAt,
        Instant dueAt,
        boolean extended,
        @Nullable Instant completedAt,
        @Nullable String resultType,
        @Nullable Long resultSeq,
        @Nullable Instant verifiedAt,
        @Nullable String verificationMethod,
        @Nullable Instant answeredAt,
        @Nullable Boolean late,
        @Nullable Long daysLate,
        @Nullable Instant refusedAt,
        @Nullable String closedByPrincipal,
        @Nullable String closedByRole) {
}
