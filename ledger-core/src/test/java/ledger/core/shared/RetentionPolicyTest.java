package ledger.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;

import org.junit.jupiter.api.Test;

/** The retention periods a deployment may configure: none negative, contact cases at most three years. */
class RetentionPolicyTest {

    private static final Period THREE_MONTHS = Period.ofMonths(3);
    private static final Period THREE_YEARS = Period.ofYears(3);

    @Test
    void a_negative_retention_period_is_refused() {
        assertThatThrownBy(() -> new RetentionPolicy(Period.ofDays(-1), THREE_YEARS, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, Period.ofDays(-1), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, THREE_YEARS, null, Period.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_inactivity_period_when_set_must_be_positive() {
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, THREE_YEARS, Period.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, THREE_YEARS, Period.ofMonths(-12), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RetentionPolicy(THREE_MONTHS, THREE_YEARS, Period.ofDays(1), Period.ZERO).inactivity())
                .isEqualTo(Period.ofDays(1));
    }

    @Test
    void contact_form_data_is_kept_at_most_three_years() {
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, Period.ofYears(3).plusDays(1), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RetentionPolicy(THREE_MONTHS, Period.ofMonths(36), null, null).contactCaseMaximum())
                .isEqualTo(Period.ofMonths(36));
    }

    @Test
    void requester_data_is_kept_three_years_unless_configured_and_never_for_a_negative_period() {
        assertThat(new RetentionPolicy(THREE_MONTHS, THREE_YEARS, null, null, null).requesterRetention())
                .isEqualTo(Period.ofYears(3));
        assertThat(new RetentionPolicy(THREE_MONTHS, THREE_YEARS, null, null, Period.ofYears(1)).requesterRetention())
                .isEqualTo(Period.ofYears(1));
        assertThatThrownBy(() -> new RetentionPolicy(THREE_MONTHS, THREE_YEARS, null, null, Period.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
