package ledger.core.purpose;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ledger.core.shared.Refusal;

/** The processing purposes a member can consent to, as configured. */
public record PurposeCatalog(Set<String> purposes) {

    /** Consent to this purpose is the legal basis of the membership itself. */
    public static final String MEMBERSHIP = "portal-membership";
    public static final String NEWSLETTER = "newsletter";

    public PurposeCatalog {
        purposes = Set.copyOf(purposes);
        if (!purposes.contains(MEMBERSHIP)) {
            throw new IllegalArgumentException("the purpose catalog must contain " + MEMBERSHIP);
        }
    }

    public static PurposeCatalog defaults() {
        return new PurposeCatalog(Set.of(MEMBERSHIP, NEWSLETTER));
    }

    public boolean knows(String purpose) {
        return purposes.contains(purpose);
    }

    /** Refuses the first purpose that is not configured. */
    public void requireKnown(Collection<String> candidates) {
        for (String purpose : candidates) {
            if (!knows(purpose)) {
                throw new UnknownPurpose(purpose);
            }
        }
    }

    public List<String> sorted() {
        return List.copyOf(new TreeSet<>(purposes));
    }

    /** Does not echo the name: it is the caller's input, and input may carry anything. */
    public static final class UnknownPurpose extends Refusal {
        public UnknownPurpose(String purpose) {
            super(Kind.INVALID, "unknown-purpose", "the purpose is not one of the configured purposes");
        }

        @Override
        protected String field() {
            return "purpose";
        }
    }
}
