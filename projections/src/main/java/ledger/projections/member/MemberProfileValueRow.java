package ledger.projections.member;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One value a profile field was given, by the member event {@code seq} (personal data: deleted on erasure). */
@MappedEntity("member_view_profile_value")
public record MemberProfileValueRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        long seq,
        String field,
        @Nullable String value,
        Instant at) {
}
