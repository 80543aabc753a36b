package ledger.projections.extract;

import java.time.Instant;
import java.util.List;

import ledger.projections.history.ConsentEntry;
import ledger.projections.member.MemberView;

/**
 * What the read models know for a member's register extract; the service adds what comes from
 * configuration (purposes' legal basis, recipients, retention rules, rights, authority).
 * {@code version} is the last member event both read models reflect.
 */
public record RegisterExtractData(
        MemberView member,
        List<Download> downloads,
        List<ConsentEntry> consentHistory,
        List<PastValue> pastValues,
        long version) {

    public record Download(String documentId, String title, Instant at) {
    }

    /** A value a profile field had from {@code from} until it was replaced at {@code until}; still held until erasure. */
    public record PastValue(String field, String value, Instant from, Instant until) {
    }
}
