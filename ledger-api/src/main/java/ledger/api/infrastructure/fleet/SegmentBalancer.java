package ledger.api.infrastructure.fleet;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.api.infrastructure.scheduling.StartOrder;

/**
 * Splits every processor's segments between the live nodes. Each node beats in {@code ledger_node};
 * a node holding more than its fair share (segments / live nodes, rounded up) releases one segment,
 * which the pooled processor of a node with less claims. When a node stops (or dies and its claims
 * time out) the others claim its segments: pooled processors claim whatever is free.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CommitSignal commits;
    private final EventProcessingConfiguration processing;
    private final NodeIdentity node;
    private final DatabaseClock clock;
    private final ObjectProvider<Scheduler> scheduler;
    private final long intervalMillis;
    private volatile boolean schedulerPaused;
    private NodeLoop executor;

    SegmentBalancer(JdbcTemplate jdbc, TransactionTemplate transactions, CommitSignal commits,
                    EventProcessingConfiguration processing, NodeIdentity node, LedgerProperties properties,
                    DatabaseClock clock, ObjectProvider<Scheduler> scheduler) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.commits = commits;
        this.processing = processing;
        this.node = node;
        this.clock = clock;
        this.scheduler = scheduler;
        this.intervalMillis = properties.fleet().balanceInterval().toMillis();
    }

    @Override
    public void start() {
        executor = NodeLoop.start("segment-balancer");
        executor.every(Duration.ZERO, Duration.ofMillis(intervalMillis), this::balanceQuietly);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.stop();
        }
        try {
            jdbc.update("DELETE FROM ledger_node WHERE node_id = ?", node.id());
        } catch (RuntimeException e) {
            log.debug("could not deregister the node", e);
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.stopped();
    }

    /** Stops before the processors do, starts after them. */
    @Override
    public int getPhase() {
        return StartOrder.SEGMENT_BALANCING.phase();
    }

    private void balanceQuietly() {
        try {
            // every heartbeat measures this node's clock against the database's
            clock.measure();
            if (!clock.withinBound()) {
                standAside();
                return;
            }
            if (schedulerPaused) {
                scheduler.ifAvailable(Scheduler::resume);
                schedulerPaused = false;
            }
            balance();
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped ({})", e.getClass().getName());
        }
    }

    /**
     * A claim whose time lies in the future of the database's clock was written by a node whose clock
     * ran ahead: judged by its timestamp it would hold the segment until that moment (a node 100 days
     * ahead that died held its segments for 100 days). Such claims are stale: released at once.
     */
    private void releaseClaimsFromTheFuture() {
        int released;
        try {
            released = jdbc.update("UPDATE token_entry SET owner = NULL WHERE owner IS NOT NULL"
                    + " AND timestamp ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' AND timestamp::timestamptz > now() + ?::interval",
                    clock.bound().toMillis() + " milliseconds");
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Could not look for claims dated in the future ({})", e.getClass().getName());
            return;
        }
        if (released > 0) {
            log.warn("Released {} processor claims dated in the future of the database's clock (written by a node"
                    + " whose clock ran ahead)", released);
        }
    }

    /**
     * This node's clock is beyond the bound from the database's: it claims nothing (every segment it
     * holds is released until after the next heartbeat, and it sends no heartbeat, so the others'
     * fair share covers everything) and fires no deadline (db-scheduler paused) until it is within it.
     */
    private void standAside() {
        processing.eventProcessors().values().forEach(processor -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                streaming.processingStatus().keySet().forEach(segment ->
                        streaming.releaseSegment(segment, 3 * intervalMillis, TimeUnit.MILLISECONDS));
            }
        });
        if (!schedulerPaused) {
            scheduler.ifAvailable(Scheduler::pause);
            schedulerPaused = true;
        }
    }

    /** One transaction (one commit every interval, not one per statement: an idle node's cost). */
    void balance() {
        transactions.executeWithoutResult(tx -> balanceInTransaction());
    }

    private void balanceInTransaction() {
        jdbc.update("INSERT INTO ledger_node (node_id, heartbeat_at) VALUES (?, now())"
                + " ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()", node.id());
        releaseClaimsFromTheFuture();
        // live for the fair share: a heartbeat within three intervals; for the commit signal: within a minute
        // (other nodes may beat at another interval; a notification too many costs a commit, one too few a poll)
        int[] counts = jdbc.queryForObject("SELECT count(*) FILTER (WHERE heartbeat_at > now() - ?::interval),"
                + " count(*) FILTER (WHERE heartbeat_at > now() - interval '1 minute') FROM ledger_node",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)}, (3 * intervalMillis) + " milliseconds");
        int nodes = Math.max(1, counts == null ? 1 : counts[0]);
        commits.othersAlive(counts == null || counts[1] > 1);
        Map<String, Integer> segmentsOf = new HashMap<>();
        jdbc.query("SELECT processor_name, count(*) FROM token_entry GROUP BY processor_name",
                (RowCallbackHandler) rs -> segmentsOf.put(rs.getString(1), rs.getInt(2)));
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.isRunning()) {
                return;
            }
            Integer segments = segmentsOf.get(name);
            if (segments == null || segments < 2) {
                return;
            }
            int fairShare = (segments + nodes - 1) / nodes;
            Map<Integer, EventTrackerStatus> mine = streaming.processingStatus();
            if (mine.size() > fairShare) {
                int segment = mine.keySet().stream().max(Integer::compare).orElseThrow();
                streaming.releaseSegment(segment);
            }
        });
    }
}
