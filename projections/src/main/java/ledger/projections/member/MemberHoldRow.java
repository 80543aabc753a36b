package ledger.projections.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An open legal hold on a member. */
@MappedEntity("member_view_hold")
public record MemberHoldRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        UUID holdId,
        String ground,
        Instant placedAt,
        @Nullable LocalDate reviewBy) {
}
