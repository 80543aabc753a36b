package ledger.api.infrastructure.log;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.fleet.DatabaseClock;
import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.api.infrastructure.scheduling.StartOrder;
import ledger.core.log.CompactRange;
import ledger.core.log.Proofs;
import ledger.core.log.StoredSubtrees;

/**
 * Appends every stored event to the log after it committed, never inside a command's transaction,
 * so commands are not serialized by it. One sequencer at a time across the fleet: each round runs
 * in its own transaction that first takes a transaction-level advisory lock ({@code pg_try_advisory_xact_lock});
 * a node that does not get it skips the round.
 *
 * <p>Rounds run {@code wakeDelay} after a local commit of events ({@link #wake()}), and every {@code poll}
 * unless a round ended within it.
 * A round reads the rows past the highest global index read so far; a number skipped on the way
 * (a transaction that took its index earlier but has not committed yet) is a gap, looked at again in
 * every round for {@code gapTimeout}. An anti-join every {@code sweepInterval} appends whatever else
 * has no leaf. Leaves get the next index in the log's own order; leaf and subtree rows are written in
 * the round's transaction. The right edge of the tree ({@link CompactRange}) is kept in memory and
 * rebuilt from the stored subtrees at start and whenever another node appended meanwhile.
 */
final class Sequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

    /** The advisory lock of the sequencer: "ledgerlo" as a number; nothing else in the ledger takes it. */
    static final long LOCK = 0x6c65646765726c6fL;
    /** How many global indexes below the high-water mark a rebuild looks at for gaps, and the most tracked at once. */
    private static final int GAP_WINDOW = 10_000;
    /** A node that saw another one sequence leaves it the lock for 5 to 15 of these (the poll is only a safety net). */
    private static final Duration YIELD_STEP = Duration.ofMillis(500);

    private static final String NO_LEAF = " AND NOT EXISTS (SELECT 1 FROM ledger_log_leaf l"
            + " WHERE l.global_index = e.global_index)";
    /**
     * {@link #NO_LEAF} for the events above a bound, the bound given again for the leaves: PostgreSQL does not carry
     * an inequality across the join, and its merge anti-join read every leaf from the first on (65 ms a round at a
     * million leaves, growing with the log) where the leaves above the bound suffice.
     */
    private static final String NO_LEAF_ABOVE = " AND NOT EXISTS (SELECT 1 FROM ledger_log_leaf l"
            + " WHERE l.global_index = e.global_index AND l.global_index > ?)";
    /** A sweep's candidates: above the watermark, up to the high-water mark (bound, top, bound, limit). */
    static final String SWEEP = "SELECT e.global_index FROM domain_event_entry e WHERE e.global_index > ?"
            + " AND e.global_index <= ?" + NO_LEAF_ABOVE + " ORDER BY e.global_index LIMIT ?";
    /** A round's new rows: above the high-water mark (bound, bound, limit). */
    static final String NEW_ROWS = "SELECT e.global_index, " + EventRows.COLUMNS + " FROM domain_event_entry e"
            + " WHERE e.global_index > ?" + NO_LEAF_ABOVE + " ORDER BY e.global_index LIMIT ?";

    private record Pending(long globalIndex, String eventId, byte[] leafHash) {
    }

    private static final RowMapper<Pending> PENDING = (rs, i) -> new Pending(rs.getLong(1), rs.getString(2),
            EventRows.read(rs, 2).leafHash());

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JdbcLogStore store;
    private final Checkpoints checkpoints;
    private final LedgerProperties.Sequencer settings;
    private final Duration checkpointInterval;
    private final Clock clock;

    // State of the rounds; only touched under this object's lock.
    private CompactRange range;
    private long highWater;
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private final TreeSet<Long> abandoned = new TreeSet<>();
    private Instant nextSweep = Instant.MIN;
    /**
     * The sweep's watermark: every event at or below it has its leaf. It moves up to a mark (the high-water
     * mark at an earlier sweep) once no transaction that began before that mark is still open: a global
     * index is taken by the inserting transaction (one sequence, in order), so every index up to the mark
     * belongs to a transaction that began before it, and what those left is committed or never will be.
     */
    private long sweptTo;
    private long markIndex;
    private Timestamp markTime;
    /** Another node sequences: this one only looks again after this instant. */
    private Instant yieldUntil = Instant.MIN;
    private Instant quietUntil = Instant.MIN;
    private boolean futureSeen;
    /** A signing time this far past the database's clock was written by a node whose clock ran ahead. */
    private static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofSeconds(5);
    /** The last round read a full batch: more is waiting. */
    private boolean behind;

    /** Every round's duration, idle ones included: what the log costs the service and the database per second. */
    private final Timer rounds;
    private final Counter leaves;

    /** When the last round ended ({@link System#nanoTime()}): the poll skips while rounds run anyway. */
    private volatile long lastRoundEnded = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    private volatile NodeLoop executor;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean promptQueued = new AtomicBoolean();

    Sequencer(JdbcTemplate jdbc, TransactionTemplate transactions, JdbcLogStore store, Checkpoints checkpoints,
              LedgerProperties.Log settings, Clock clock, MeterRegistry registry) {
        this.rounds = Timer.builder("ledger.log.sequencer.rounds")
                .description("Sequencer rounds on this node (a transaction each), idle ones included").register(registry);
        this.leaves = Counter.builder("ledger.log.sequencer.leaves")
                .description("Leaves this node's sequencer appended").register(registry);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.checkpoints = checkpoints;
        this.settings = settings.sequencer();
        this.checkpointInterval = settings.checkpointInterval();
        this.clock = clock;
    }

    /**
     * One round: appends what is new, signs a checkpoint when one is due, exports checkpoint files.
     * Answers the number of leaves appended (0 also when another node holds the sequencer's lock).
     */
    synchronized int sequence() {
        return sequence(false);
    }

    /**
     * ... {@code prompt}: someone waits for a leaf (an erasure's receipt). Such a round does not yield
     * to another node that appended meanwhile: when it gets the lock it takes over at once. Yielding
     * here left an erasure receipt without its evidence when the sequencer moved to this node (the
     * other one had died) while this one was still yielding to it.
     */
    synchronized int sequence(boolean prompt) {
        long started = System.nanoTime();
        int appended = 0;
        behind = false;
        if (prompt || clock.instant().isAfter(yieldUntil)) {
            try {
                List<Long> missed = sweepCandidates();
                Integer result = transactions.execute(tx -> {
                    // first, in the round's transaction (one commit per round, an idle node's main cost): it
                    // reads committed checkpoints only, never one this round signs and might roll back
                    checkpoints.export();
                    return locked() ? appendNew(missed, prompt) : 0;
                });
                appended = result == null ? 0 : result;
            } catch (RuntimeException e) {
                range = null; // the round rolled back: rebuild from what is stored
                behind = false;
                warn("Sequencing failed ({}); retried in the next round", e);
            }
        } else {
            checkpoints.export();
        }
        long ended = System.nanoTime();
        rounds.record(ended - started, TimeUnit.NANOSECONDS);
        leaves.increment(appended);
        lastRoundEnded = ended;
        return appended;
    }

    /**
     * A transaction of this node stored events: a round after {@code wakeDelay} (the commits meanwhile share
     * it: one transaction and a few statements per round, not per command). Other nodes' events wait for the poll.
     */
    void wake() {
        roundsAfter(wakeQueued, settings.wakeDelay().toMillis());
    }

    /**
     * Someone waits for a leaf (an erasure's receipt carries the erasure's evidence): a round now rather
     * than {@code wakeDelay} after the commit. Rare (erasures, not every command), so the rounds that
     * gather commits keep their cost; a node that does not hold the sequencer's lock skips it.
     */
    void roundNow() {
        roundsAfter(promptQueued, 0, true);
    }

    /** Rounds after {@code delayMillis}, unless such a request is queued already ({@code queued}). */
    private void roundsAfter(AtomicBoolean queued, long delayMillis) {
        roundsAfter(queued, delayMillis, false);
    }

    private void roundsAfter(AtomicBoolean queued, long delayMillis, boolean prompt) {
        NodeLoop running = executor;
        if (running != null && queued.compareAndSet(false, true)) {
            try {
                running.after(Duration.ofMillis(delayMillis), () -> {
                    queued.set(false);
                    rounds(prompt);
                });
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Asks for a sweep in the next round (a verification that found rows without a leaf). */
    synchronized void sweepSoon() {
        nextSweep = Instant.MIN;
        sweptTo = 0; // the verifier found a row without a leaf: look at all of them again
        markIndex = 0;
    }

    private boolean locked() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK));
    }

    /**
     * When a sweep is due on the node that sequences: the global indexes of events without a leaf, found
     * by an anti-join outside the round's transaction. It reads only above {@link #sweptTo}, so its cost
     * follows what came since the sweep before, not the store (every row's index was about a second per
     * million events, every minute).
     */
    private List<Long> sweepCandidates() {
        Instant now = clock.instant();
        if (range == null || now.isBefore(nextSweep)) {
            return List.of();
        }
        nextSweep = now.plus(settings.sweepInterval());
        // before the anti-join: what the mark covers is final once no transaction older than the mark is open
        boolean markFinal = markIndex > sweptTo && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND xact_start < ?)", Boolean.class, markTime));
        List<Long> found = jdbc.queryForList(SWEEP, Long.class, sweptTo, highWater, sweptTo, settings.batchSize());
        if (markFinal) {
            // below the first one found every event has its leaf; the ones found get theirs in this round
            sweptTo = found.isEmpty() ? markIndex : Math.min(markIndex, found.get(0) - 1);
        }
        markIndex = highWater;
        markTime = jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class);
        return found;
    }

    /** The next round sweeps (the watermark kept). */
    synchronized void sweepNow() {
        nextSweep = Instant.MIN;
    }

    /** Every event at or below this global index has its leaf (a sweep reads above it). */
    synchronized long sweptTo() {
        return sweptTo;
    }

    private int appendNew(List<Long> missedCandidates, boolean prompt) {
        long stored = store.size();
        if (range != null && range.size() != stored) {
            // Another node sequenced meanwhile: leave it the lock for a while (one node keeps its edge warm)
            // and be ready to take over when it stops; a prompt round takes over now.
            rebuild(stored);
            if (!prompt) {
                yieldUntil = clock.instant().plus(YIELD_STEP.multipliedBy(
                        ThreadLocalRandom.current().nextInt(5, 16)));
                return 0;
            }
        }
        if (prompt) {
            yieldUntil = Instant.MIN; // this node holds the lock and takes over: no more yielding to the other one
        }
        if (range == null) {
            rebuild(stored);
        }
        Instant now = clock.instant();
        int appended = append(readGaps(now));
        List<Pending> fresh = readNew(now);
        appended += append(fresh);
        if (!missedCandidates.isEmpty()) {
            List<Pending> missed = readIndexes(missedCandidates);
            missed.forEach(p -> gaps.remove(p.globalIndex()));
            appended += append(missed);
            if (missedCandidates.size() == settings.batchSize()) {
                nextSweep = now; // more of them: the next round sweeps again
            }
            if (!missed.isEmpty()) {
                log.info("The sweep found {} events without a leaf (committed after their gap was given up);"
                        + " appended", missed.size());
            }
        }
        signIfDue(now);
        behind = fresh.size() == settings.batchSize() || missedCandidates.size() == settings.batchSize();
        return appended;
    }

    private void rebuild(long stored) {
        range = CompactRange.of(stored, store.hashes());
        Long max = jdbc.queryForObject("SELECT max(global_index) FROM ledger_log_leaf", Long.class);
        highWater = max == null ? 0 : max;
        // Numbers below the high-water mark without a leaf may belong to transactions still to commit.
        long from = Math.max(0, highWater - GAP_WINDOW);
        Set<Long> present = new HashSet<>(jdbc.queryForList(
                "SELECT global_index FROM ledger_log_leaf WHERE global_index > ?", Long.class, from));
        Instant now = clock.instant();
        Map<Long, Instant> before = new TreeMap<>(gaps);
        gaps.clear();
        abandoned.headSet(from, true).clear();
        for (long g = from + 1; g < highWater; g++) {
            if (!present.contains(g) && !abandoned.contains(g)) {
                gaps.put(g, before.getOrDefault(g, now));
            }
        }
    }

    /** Gaps that committed meanwhile; gaps older than the timeout are given up (the sweep still finds them). */
    private List<Pending> readGaps(Instant now) {
        Instant expired = now.minus(settings.gapTimeout());
        for (Iterator<Map.Entry<Long, Instant>> it = gaps.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Instant> gap = it.next();
            if (gap.getValue().isBefore(expired)) {
                abandoned.add(gap.getKey());
                it.remove();
            }
        }
        if (gaps.isEmpty()) {
            return List.of();
        }
        List<Pending> filled = readIndexes(gaps.keySet());
        filled.forEach(p -> gaps.remove(p.globalIndex()));
        return filled;
    }

    /** The rows of these global indexes that exist and have no leaf, in global-index order. */
    private List<Pending> readIndexes(java.util.Collection<Long> globalIndexes) {
        Long[] wanted = globalIndexes.toArray(Long[]::new);
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT e.global_index, " + EventRows.COLUMNS
                    + " FROM domain_event_entry e WHERE e.global_index = ANY(?)" + NO_LEAF + " ORDER BY e.global_index");
            Array array = connection.createArrayOf("bigint", wanted);
            statement.setArray(1, array);
            return statement;
        }, PENDING);
    }

    private List<Pending> readNew(Instant now) {
        List<Pending> rows = read(NEW_ROWS, highWater, highWater, settings.batchSize());
        long previous = highWater;
        for (Pending row : rows) {
            for (long g = Math.max(previous + 1, row.globalIndex() - GAP_WINDOW); g < row.globalIndex(); g++) {
                gaps.putIfAbsent(g, now);
            }
            previous = row.globalIndex();
        }
        while (gaps.size() > GAP_WINDOW) {
            abandoned.add(gaps.pollFirstEntry().getKey());
        }
        highWater = previous;
        abandoned.headSet(highWater - GAP_WINDOW, true).clear();
        return rows;
    }

    private List<Pending> read(String sql, Object... arguments) {
        return jdbc.query(sql, PENDING, arguments);
    }

    private int append(List<Pending> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        Long[] leafIndexes = new Long[n];
        Long[] globalIndexes = new Long[n];
        String[] eventIds = new String[n];
        byte[][] leafHashes = new byte[n][];
        List<Short> levels = new ArrayList<>(n + 64);
        List<Long> nodeIndexes = new ArrayList<>(n + 64);
        List<byte[]> nodeHashes = new ArrayList<>(n + 64);
        for (int i = 0; i < n; i++) {
            Pending row = rows.get(i);
            leafIndexes[i] = range.size();
            globalIndexes[i] = row.globalIndex();
            eventIds[i] = row.eventId();
            leafHashes[i] = row.leafHash();
            range.append(row.leafHash(), (level, node, hash) -> {
                if (StoredSubtrees.stored(level)) {
                    levels.add((short) level);
                    nodeIndexes.add(node);
                    nodeHashes.add(hash);
                }
            });
        }
        // one statement per table and round (arrays, not a batch of single-row inserts)
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO ledger_log_leaf (leaf_index, global_index,"
                    + " event_identifier, leaf_hash) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::varchar[],"
                    + " ?::bytea[])");
            insert.setArray(1, connection.createArrayOf("bigint", leafIndexes));
            insert.setArray(2, connection.createArrayOf("bigint", globalIndexes));
            insert.setArray(3, connection.createArrayOf("varchar", eventIds));
            insert.setArray(4, connection.createArrayOf("bytea", leafHashes));
            return insert;
        });
        if (!levels.isEmpty()) {
            jdbc.update(connection -> {
                var insert = connection.prepareStatement("INSERT INTO ledger_log_node (level, node_index, hash)"
                        + " SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])");
                insert.setArray(1, connection.createArrayOf("smallint", levels.toArray(Short[]::new)));
                insert.setArray(2, connection.createArrayOf("bigint", nodeIndexes.toArray(Long[]::new)));
                insert.setArray(3, connection.createArrayOf("bytea", nodeHashes.toArray(byte[][]::new)));
                return insert;
            });
        }
        return n;
    }

    /** The first checkpoint (of the empty tree, on a new database), then one per interval while the tree grows. */
    private void signIfDue(Instant now) {
        if (clock instanceof DatabaseClock fleetClock && !fleetClock.withinBound()) {
            return; // this node's clock is beyond the bound from the database's: it signs nothing (DatabaseClock)
        }
        JdbcLogStore.Latest latest = store.latestSigned();
        boolean future = latest != null && latest.signedAt().isAfter(now.plus(FUTURE_TOLERANCE));
        if (future && !futureSeen) {
            // written by a node whose clock ran ahead: stale, or no checkpoint would be due until that moment
            log.warn("The latest checkpoint (tree size {}) claims to be signed at {}, in the future of the database's"
                    + " clock ({}): treated as stale", latest.treeSize(), latest.signedAt(), now);
        }
        futureSeen = future;
        boolean due = latest == null
                || range.size() > latest.treeSize() && (future
                        || !now.isBefore(latest.signedAt().plus(checkpointInterval)));
        // never a second root for a size: not while the database's log disagrees with what was signed
        if (due && checkpoints.check(range.size(), this::rootAt) == null) {
            checkpoints.sign(range.size(), range.root(), this::rootAt);
        }
    }

    /** The root of the first {@code size} leaves: the range's own when it is the whole tree. */
    private byte[] rootAt(long size) {
        return size == range.size() ? range.root() : Proofs.root(size, store.hashes());
    }

    private void warn(String message, RuntimeException e) {
        Instant now = clock.instant();
        if (now.isAfter(quietUntil)) {
            quietUntil = now.plusSeconds(60);
            // the exception's type only: messages of lower layers may quote stored values
            log.warn(message, e.getClass().getName());
        }
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled()) {
            log.warn("The ledger's sequencer is off on this node (ledger.log.sequencer.enabled=false): another node"
                    + " must append the leaves, or the log falls behind");
            return;
        }
        executor = NodeLoop.start("ledger-log-sequencer");
        long every = Math.max(1, settings.poll().toMillis());
        executor.every(Duration.ZERO, Duration.ofMillis(every), this::poll);
    }

    /** A round unless one ended within the poll (under load the local commits' rounds see everything stored). */
    private void poll() {
        if (System.nanoTime() - lastRoundEnded >= settings.poll().toNanos()) {
            rounds();
        }
    }

    /** Rounds until nothing is waiting: a full batch means more is there. */
    private void rounds() {
        rounds(false);
    }

    private void rounds(boolean prompt) {
        try {
            boolean more;
            boolean first = prompt;
            do {
                sequence(first);
                first = false;
                synchronized (this) {
                    more = behind && executor != null;
                }
            } while (more);
        } catch (RuntimeException e) {
            warn("Sequencer round failed ({})", e);
        }
    }

    @Override
    public void stop() {
        NodeLoop running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** After Flyway and the event store, before the web server takes requests. */
    @Override
    public int getPhase() {
        return StartOrder.SEQUENCER.phase();
    }
}
