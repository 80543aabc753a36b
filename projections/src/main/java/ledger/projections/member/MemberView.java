package ledger.projections.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The member view of API.md. After erasure every personal field is {@code null} and the status
 * is {@code ERASED}; consents, counts and times stay, they are the audit trail's. {@code version}
 * is the last member event the view reflects (not part of the JSON contract).
 * {@code processingRestricted} is true while a restriction (Art. 18, {@code restriction}) or a
 * legal hold stands; {@code objections} are the purposes objected to (Art. 21).
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
        @JsonIgnore long version,
        boolean processingRestricted,
        Restriction restriction,
        List<Objection> objections) {

    public record ConsentState(boolean granted, String policyVersion, Instant since) {
    }

    /**
     * An open legal hold: its id, ground, since when and the date it is to be reviewed by ({@code null}
     * for holds placed before holds had one); the reason is the DPM's, not shown here.
     */
    public record LegalHold(UUID holdId, String ground, Instant placedAt, LocalDate reviewBy) {
    }

    /** The restriction of processing (Art. 18): its ground and since when. */
    public record Restriction(String ground, Instant since) {
    }

    /** An objection to processing for a purpose (Art. 21) and when it was recorded. */
    public record Objection(String purpose, Instant at) {
    }
}
