package ledger.api.infrastructure.scheduling;

import org.axonframework.spring.config.SpringAxonConfiguration;

/**
 * The order in which the ledger's lifecycle components start (and, reversed, stop), relative to
 * Axon's own start: declared here in sequence, so that nobody picks a phase number by hand.
 * Components return {@code StartOrder.X.phase()} from {@code SmartLifecycle.getPhase()}. All of
 * them start before the web server takes requests (Spring Boot's {@code WebServerStartStopLifecycle},
 * phase {@code Integer.MAX_VALUE - 2048}; {@code StartOrderTest} keeps it so).
 */
public enum StartOrder {

    /** The sequencer: its leaves follow the stored events, before the processors and the web server start. */
    SEQUENCER,

    /** Axon itself: event store, processors, command handling (its own phase; listed for the order). */
    AXON,

    /** The configured notice versions are registered once Axon handles commands. */
    CONFIGURED_NOTICES,

    /** A restored backup has its journaled erasures re-applied before anyone can read it. */
    ERASURE_JOURNAL_REPLAY,

    /** Processing segments are shared out among the nodes once this node runs. */
    SEGMENT_BALANCING;

    /** Between two components, room for others (Spring's own components keep their phases). */
    private static final int STEP = 256;

    public int phase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + (ordinal() - AXON.ordinal()) * STEP;
    }
}
