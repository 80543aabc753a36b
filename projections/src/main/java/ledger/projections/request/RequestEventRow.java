package ledger.projections.request;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One event of a request's trail; {@code details} is JSON with personal fields masked. */
@MappedEntity("request_view_event")
public record RequestEventRow(
        @Id @GeneratedValue Long id,
        UUID requestId,
        long seq,
        String type,
        Instant at,
        String actorPrincipal,
        String actorRole,
        String details) {
}
