package ledger.core.shared;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How long personal data is kept: member data for a period after the membership ends (the policy
 * says three months), contact-form data at most a period after the case was opened (three years).
 */
public record RetentionPolicy(Period afterMembershipEnd, Period contactCaseMaximum) {

    public static final Period POLICY_MEMBER_MAXIMUM = Period.ofMonths(3);
    public static final Period POLICY_CONTACT_CASE_MAXIMUM = Period.ofYears(3);

    public RetentionPolicy {
        Objects.requireNonNull(afterMembershipEnd, "afterMembershipEnd");
        Objects.requireNonNull(contactCaseMaximum, "contactCaseMaximum");
        if (afterMembershipEnd.isNegative() || contactCaseMaximum.isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
        if (longer(contactCaseMaximum, POLICY_CONTACT_CASE_MAXIMUM)) {
            throw new IllegalArgumentException("the policy keeps contact-form data at most three years");
        }
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(POLICY_MEMBER_MAXIMUM, POLICY_CONTACT_CASE_MAXIMUM);
    }

    public Instant memberErasureDue(Instant membershipEnded) {
        return plus(membershipEnded, afterMembershipEnd);
    }

    public Instant contactCaseErasureDue(Instant opened) {
        return plus(opened, contactCaseMaximum);
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }

    private static boolean longer(Period candidate, Period limit) {
        Instant reference = Instant.parse("2000-01-01T00:00:00Z");
        return plus(reference, candidate).isAfter(plus(reference, limit));
    }
}
