package ledger.core.shared;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * How long personal data is kept: member data for a period after the membership ends (the policy
 * says three months), contact-form data at most a period after the case was opened (three years),
 * optionally shorter after the case is closed. An optional inactivity period ends memberships
 * nobody uses ({@code null}: off).
 */
public record RetentionPolicy(Period afterMembershipEnd, Period contactCaseMaximum, Period inactivity,
                              Period contactCaseAfterClosure, Period requesterRetention) {

    /** How long a requester's contact data is kept after the request closed, unless configured. */
    public static final Period REQUESTER_RETENTION = Period.ofYears(3);

    public RetentionPolicy(Period afterMembershipEnd, Period contactCaseMaximum, Period inactivity,
                           Period contactCaseAfterClosure) {
        this(afterMembershipEnd, contactCaseMaximum, inactivity, contactCaseAfterClosure, REQUESTER_RETENTION);
    }

    public static final Period POLICY_MEMBER_MAXIMUM = Period.ofMonths(3);
    public static final Period POLICY_CONTACT_CASE_MAXIMUM = Period.ofYears(3);
    /** How long before the inactivity deadline the member is warned (the portal mails them). */
    public static final java.time.Duration INACTIVITY_WARNING = java.time.Duration.ofDays(30);

    public RetentionPolicy {
        Objects.requireNonNull(afterMembershipEnd, "afterMembershipEnd");
        Objects.requireNonNull(contactCaseMaximum, "contactCaseMaximum");
        if (afterMembershipEnd.isNegative() || contactCaseMaximum.isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
        if (inactivity != null && (inactivity.isNegative() || inactivity.isZero())) {
            throw new IllegalArgumentException("the inactivity period must be positive");
        }
        if (contactCaseAfterClosure != null && contactCaseAfterClosure.isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
        if (requesterRetention == null) {
            requesterRetention = REQUESTER_RETENTION;
        }
        if (requesterRetention.isNegative()) {
            throw new IllegalArgumentException("retention periods cannot be negative");
        }
        if (longer(contactCaseMaximum, POLICY_CONTACT_CASE_MAXIMUM)) {
            throw new IllegalArgumentException("the policy keeps contact-form data at most three years");
        }
    }

    /** Three months after the membership, three years for contact cases; no inactivity rule. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(POLICY_MEMBER_MAXIMUM, POLICY_CONTACT_CASE_MAXIMUM, null, null);
    }

    /** When an active member without activity since {@code lastActivity} is ended; empty: never. */
    public Optional<Instant> inactivityDue(Instant lastActivity) {
        return inactivity == null ? Optional.empty() : Optional.of(plus(lastActivity, inactivity));
    }

    /** When a closed contact case is erased: the shorter of the maximum and the period after closure. */
    public Instant contactCaseErasureDueAfterClosure(Instant maximumDue, Instant closed) {
        if (contactCaseAfterClosure == null) {
            return maximumDue;
        }
        Instant afterClosure = plus(closed, contactCaseAfterClosure);
        return afterClosure.isBefore(maximumDue) ? afterClosure : maximumDue;
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
