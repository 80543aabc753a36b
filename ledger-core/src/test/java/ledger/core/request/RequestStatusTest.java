package ledger.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RequestStatusTest {

    private static final Instant NOW = Instant.parse("2026-10-02T08:00:00Z");
    private static final Instant PAST_DUE = NOW.minus(Duration.ofDays(1));
    private static final Instant DUE_LATER = NOW.plus(Duration.ofDays(1));

    @Test
    void a_completed_request_is_completed_even_past_its_deadline() {
        assertThat(RequestStatus.of(PAST_DUE, NOW.minus(Duration.ofHours(1)), null, NOW))
                .isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void a_refused_request_is_refused_even_past_its_deadline() {
        assertThat(RequestStatus.of(PAST_DUE, null, NOW.minus(Duration.ofHours(1)), NOW))
                .isEqualTo(RequestStatus.REFUSED);
    }

    @Test
    void an_open_request_past_its_deadline_is_overdue() {
        assertThat(RequestStatus.of(PAST_DUE, null, null, NOW)).isEqualTo(RequestStatus.OVERDUE);
        assertThat(RequestStatus.of(NOW.minusSeconds(1), null, null, NOW)).isEqualTo(RequestStatus.OVERDUE);
    }

    @Test
    void an_open_request_is_open_until_and_at_its_deadline() {
        assertThat(RequestStatus.of(DUE_LATER, null, null, NOW)).isEqualTo(RequestStatus.OPEN);
        assertThat(RequestStatus.of(NOW, null, null, NOW)).isEqualTo(RequestStatus.OPEN);
    }
}
