package ledger.projections.member;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The current state of one member's consent to one purpose. */
@MappedEntity("member_view_consent")
public record MemberConsentRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        String purpose,
        boolean granted,
        String policyVersion,
        Instant since) {
}
