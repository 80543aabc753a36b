package ledger.projections.request;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A data-subject request with its deadline. */
@MappedEntity("request_view")
public record RequestRow(
        @Id UUID requestId,
        UUID memberId,
        String type,
        Instant receivedAt,
        Instant dueAt,
        boolean extended,
        @Nullable Instant completedAt,
        @Nullable String resultType,
        @Nullable Long resultSeq) {
}
