package ledger.projections.history;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One event of a member's trail; {@code details} is JSON with personal fields masked. */
@MappedEntity("member_history")
public record MemberHistoryRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        long seq,
        String type,
        Instant at,
        String actorPrincipal,
        String actorRole,
        String details,
        @Nullable String actingUser) {
}
