package ledger.projections.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;

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

    /**
     * Consent to one purpose: granted or not, under which notice version, since when, and whether it
     * must be given again because the notice in effect changed the purpose's terms since (computed
     * when the view is read, from the notice registry; {@code false} as projected).
     */
    public record ConsentState(boolean granted, String policyVersion, Instant since, boolean reconsentRequired) {
    }

    /** The same view with each granted consent's {@code reconsentRequired} as the rule says. */
    public MemberView withReconsent(BiPredicate<String, ConsentState> required) {
        Map<String, ConsentState> flagged = new LinkedHashMap<>();
        consents.forEach((purpose, state) -> flagged.put(purpose, new ConsentState(state.granted(),
                state.policyVersion(), state.since(), state.granted() && required.test(purpose, state))));
        return new MemberView(memberId, username, givenName, familyName, company, email, status, flagged, downloads,
                registeredAt, lastActivityAt, erasureDueAt, legalHolds, version, processingRestricted, restriction,
                objections);
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
