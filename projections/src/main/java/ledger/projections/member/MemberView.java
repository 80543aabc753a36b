package ledger.projections.member;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The member view of API.md. After erasure every personal field is {@code null} and the status
 * is {@code ERASED}; consents, counts and times stay, they are the audit trail's. {@code version}
 * is the last member event the view reflects (not part of the JSON contract).
 */
public record MemberView(
        UUID memberId,
        String username,
        String givenName,
        String familyName,
        String company,
        String email,
        String status,
        Map<String, ConsentState> consents,
        long downloads,
        Instant registeredAt,
        Instant lastActivityAt,
        Instant erasureDueAt,
        List<LegalHold> legalHolds,
        @JsonIgnore long version) {

    public record ConsentState(boolean granted, String policyVersion, Instant since) {
    }

    /** An open legal hold: its id, ground and since when (the reason is the DPM's, not shown here). */
    public record LegalHold(UUID holdId, String ground, Instant placedAt) {
    }
}
