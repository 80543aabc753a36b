package ledger.api.infrastructure.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.spring.config.SpringAxonConfiguration;
import org.junit.jupiter.api.Test;

class StartOrderTest {

    /** Spring Boot's WebServerStartStopLifecycle: the web server takes requests from this phase on. */
    private static final int WEB_SERVER = Integer.MAX_VALUE - 2048;

    @Test
    void components_start_in_the_order_they_are_declared() {
        StartOrder[] order = StartOrder.values();
        for (int i = 1; i < order.length; i++) {
            assertThat(order[i].phase()).as(order[i] + " after " + order[i - 1]).isGreaterThan(order[i - 1].phase());
        }
    }

    @Test
    void axon_keeps_its_own_phase_and_everything_starts_before_the_web_server_takes_requests() {
        assertThat(StartOrder.AXON.phase()).isEqualTo(SpringAxonConfiguration.LIFECYCLE_PHASE);
        for (StartOrder component : StartOrder.values()) {
            assertThat(component.phase()).as(component.name()).isLessThan(WEB_SERVER);
        }
    }

    @Test
    void the_sequencer_starts_before_axon_and_the_journal_replay_after_the_configured_notices() {
        assertThat(StartOrder.SEQUENCER.phase()).isLessThan(StartOrder.AXON.phase());
        assertThat(StartOrder.ERASURE_JOURNAL_REPLAY.phase()).isGreaterThan(StartOrder.CONFIGURED_NOTICES.phase());
    }
}
