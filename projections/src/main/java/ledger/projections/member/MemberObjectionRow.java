package ledger.projections.member;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An objection of the member to processing for a purpose (Art. 21), until a fresh consent to it. */
@MappedEntity("member_view_objection")
public record MemberObjectionRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        String purpose,
        Instant at) {
}
