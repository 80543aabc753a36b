package ledger.api.infrastructure.fleet;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.infrastructure.scheduling.NodeLoop;

/**
 * Tells the other nodes that this one committed events, and this node that another one did, through
 * PostgreSQL's LISTEN/NOTIFY on one connection of its own (outside the pool). Waiting for a
 * notification reads the socket and runs no transaction: an idle fleet costs PostgreSQL nothing for
 * it, where each node's event store reader, processors and sequencer used to look for other nodes'
 * events by polling (about 50 transactions a second per node, docs/performance.md). The polls stay as
 * a safety net, seconds apart: a lost connection, a notification sent while this node was reconnecting.
 * <p>
 * A local commit only sets a flag; the listening thread sends one {@code pg_notify} for every commit
 * since its last look (at most every {@value #WAIT_MILLIS} ms), after the commit, so no command's
 * transaction carries it, and only while other nodes are alive (heartbeats). Notifications carry the sending
 * node's id; a node ignores its own.
 */
public final class CommitSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);
    static final String CHANNEL = "ledger_commits";
    static final int WAIT_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final HikariDataSource pool;
    private final String node;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    /** Another node sent a heartbeat lately (SegmentBalancer): a node alone notifies nobody. */
    private volatile boolean othersAlive = true;
    private NodeLoop loop;
    private Instant quietUntil = Instant.MIN;

    public CommitSignal(HikariDataSource pool, NodeIdentity node) {
        this.pool = pool;
        this.node = node.id();
    }

    /** This node committed events (after the commit). */
    public void localCommit() {
        pending.set(true);
    }

    /** Run when another node committed events (and after a reconnect: a notification may have been missed). */
    public void onCommitElsewhere(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether other nodes are alive (their heartbeats): a node alone sends no notification (a commit each). */
    void othersAlive(boolean alive) {
        this.othersAlive = alive;
    }

    /** Notifications of other nodes' commits received so far. */
    public long received() {
        return received.get();
    }

    /** Whether the listening connection is up. */
    public boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        loop = NodeLoop.start("commit-signal");
        loop.run(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.stop();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "ledger-commit-signal");
        Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = connect()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                backoff = 500;
                tell(); // what another node committed while this one was not listening
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, node);
                    while (running) {
                        if (pending.getAndSet(false) && othersAlive) {
                            notify.execute();
                        }
                        PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                if (!node.equals(notification.getParameter())) {
                                    received.incrementAndGet();
                                    tell();
                                    break;
                                }
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                Instant now = Instant.now();
                if (now.isAfter(quietUntil)) {
                    quietUntil = now.plusSeconds(60);
                    log.warn("Listening for other nodes' commits failed (SQL state {}); their events are seen by"
                            + " the polls until it is back", e.getSQLState());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        listening = false;
    }

    private void tell() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("A listener of other nodes' commits failed ({})", e.getClass().getName());
            }
        }
    }
}
