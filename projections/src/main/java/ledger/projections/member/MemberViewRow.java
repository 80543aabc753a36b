package ledger.projections.member;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One row of {@code member_view}; {@code version} is the last aggregate sequence applied. */
@MappedEntity("member_view")
public record MemberViewRow(
        @Id UUID memberId,
        @Nullable String username,
        @Nullable String givenName,
        @Nullable String familyName,
        @Nullable String company,
        @Nullable String email,
        String status,
        long downloads,
        Instant registeredAt,
        Instant lastActivityAt,
        @Nullable Instant erasureDueAt,
        long version,
        @Nullable String restrictionGround,
        @Nullable Instant restrictedAt) {
}
