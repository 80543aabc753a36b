package ledger.api.infrastructure.axon;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import ledger.api.application.operations.ProjectionReplay;
import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.core.shared.Refusal;

/**
 * The ProjectionReplay port as infrastructure implements it. When a rebuild has caught up, the database's
 * statistics are refreshed ({@code ANALYZE}): the planner otherwise keeps the emptied tables' figures until
 * autovacuum comes round, and picked a hash join over every consent row for a page of 1,000 re-consent ids
 * (332 ms instead of 6.4 ms right after a replay of 1,000,000 events).
 */
@Component
public class AxonProjectionReplay implements ProjectionReplay {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);
    private static final Duration CAUGHT_UP_CHECK = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final Set<String> groups;
    /** Replays being started, by processor name. */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    private final DataSource dataSource;
    private final NodeLoop watcher = NodeLoop.start("read-model-replay");

    AxonProjectionReplay(EventProcessingConfiguration processing, EventStore events, EventProcessorProperties settings,
                         DataSource dataSource) {
        this.processing = processing;
        this.events = events;
        this.dataSource = dataSource;
        // every processing group has its settings in application.yml (ProcessorSettingsTest)
        this.groups = new TreeSet<>(settings.getProcessors().keySet());
    }

    @Override
    public List<Status> statuses() {
        List<Status> result = new ArrayList<>();
        groups.stream()
                .filter(group -> processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                        .isPresent())
                .forEach(group -> result.add(status(group)));
        return result;
    }

    @Override
    public Status status(String name) {
        StreamingEventProcessor processor = processor(name);
        long head = position(events.createHeadToken()).orElse(-1);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        // Axon keeps a segment flagged "replaying" until an event past the reset point arrives;
        // a segment that has caught up with the head has replayed everything there is.
        boolean replaying = running.containsKey(processor.getName()) || segments.values().stream()
                .anyMatch(s -> s.isReplaying() && !s.isCaughtUp());
        long position = segments.values().stream()
                .map(s -> position(s.getTrackingToken()).orElse(-1))
                .min(Long::compare).orElse(-1L);
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                && !replaying;
        double progress = head <= 0 ? 1.0 : Math.max(0, Math.min(1.0, (double) Math.max(position, 0) / head));
        return new Status(name, processor.getName(), processor.isRunning(), replaying, segments.size(), position, head,
                caughtUp ? 1.0 : progress, caughtUp);
    }

    /** Starts a rebuild and returns at once; poll {@link #status(String)} for progress. */
    @Override
    public Status replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new UnknownReadModel();
        }
        Status now = status(name);
        if (now.replaying()) {
            // already rebuilding from the start (a sibling read model's replay, or this one's)
            return now;
        }
        String key = processor.getName();
        CompletableFuture<Void> started = new CompletableFuture<>();
        if (running.putIfAbsent(key, started) != null) {
            return status(name);
        }
        processor.shutdownAsync().thenRun(() -> {
            processor.resetTokens();
            processor.start();
            log.info("Read model {} is being rebuilt from the event store (processor {})", name, key);
            analyzeWhenCaughtUp(name);
        }).whenComplete((ok, failure) -> {
            running.remove(key);
            if (failure != null) {
                log.warn("Rebuilding read model {} failed to start ({}); it keeps its current state", name,
                        failure.getClass().getName());
                if (!processor.isRunning()) {
                    processor.start();
                }
            }
            started.complete(null);
        });
        return status(name);
    }

    private void analyzeWhenCaughtUp(String name) {
        AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
        check.set(watcher.every(CAUGHT_UP_CHECK, CAUGHT_UP_CHECK, () -> {
            if (!status(name).caughtUp()) {
                return;
            }
            check.get().cancel(false);
            analyze(name);
        }));
    }

    /** Every table of the database: a rebuild writes several read models' tables, and ANALYZE samples. */
    private void analyze(String name) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("ANALYZE");
            log.info("Read model {} has caught up; the database's statistics are refreshed", name);
        } catch (SQLException e) {
            log.warn("ANALYZE after rebuilding read model {} failed (SQL state {}); autovacuum refreshes the"
                    + " statistics later", name, e.getSQLState());
        }
    }

    @PreDestroy
    void stop() {
        watcher.stop();
    }

    private StreamingEventProcessor processor(String name) {
        if (!groups.contains(name)) {
            throw new UnknownReadModel();
        }
        return processing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class)
                .orElseThrow(UnknownReadModel::new);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    static final class UnknownReadModel extends Refusal {
        UnknownReadModel() {
            super(Kind.NOT_FOUND, "unknown-read-model", "no read model of that name can be rebuilt");
        }
    }
}
