package ledger.api.infrastructure.log;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import io.micrometer.core.instrument.MeterRegistry;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.fleet.CommitSignal;
import ledger.api.infrastructure.fleet.DatabaseClock;
import ledger.api.infrastructure.fleet.FleetDirectories;
import ledger.api.infrastructure.fleet.NodeIdentity;
import ledger.api.infrastructure.scheduling.ClusterTasks;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;

/** The verifiable ledger's parts (docs/verifiable-ledger.md); the signing key comes from infrastructure.signing. */
@Configuration(proxyBeanMethods = false)
class LogConfiguration {

    /** The first scheduled verification after start comes at most this late (not at start: it reads the whole log). */
    private static final Duration FIRST_VERIFICATION = Duration.ofMinutes(1);

    @Bean
    JdbcLogStore jdbcLogStore(JdbcTemplate jdbc) {
        return new JdbcLogStore(jdbc);
    }

    @Bean
    CheckpointFiles checkpointFiles(LedgerProperties properties) {
        return new CheckpointFiles(properties.log().checkpointDir());
    }

    /** Cosignatures of the configured witnesses for each checkpoint this node signs (none configured: idle). */
    @Bean(destroyMethod = "close")
    WitnessCosigning witnessCosigning(LedgerProperties properties, JdbcLogStore store, CheckpointFiles files,
                                      MeterRegistry registry) {
        return new WitnessCosigning(properties.log(), store, files,
                (first, second) -> Proofs.consistency(first, second, store.hashes()), Clock.systemUTC(), registry);
    }

    @Bean
    Checkpoints checkpoints(JdbcLogStore store, NoteSigner checkpointSigner, LedgerProperties properties,
                            DatabaseClock clock, FleetDirectories directories, CheckpointFiles files,
                            WitnessCosigning witnesses) {
        LedgerProperties.Log settings = properties.log();
        Checkpoints checkpoints = new Checkpoints(store, checkpointSigner, settings.origin(), files, clock);
        checkpoints.onSigned(witnesses::submit);
        checkpoints.requireSameKeyAsStored();
        files.createDirectoryIfMissing();
        directories.require("checkpoints", "checkpoint directory", files.dir(), "LEDGER_CHECKPOINT_DIR");
        // at start: the database's log against the largest checkpoint signed (logged and reported, not fatal:
        // the service keeps recording and serving, it stops signing)
        checkpoints.check(store.size(), size -> Proofs.root(size, store.hashes()));
        return checkpoints;
    }

    /** Woken after every local commit of events, and by other nodes' (CommitSignal); the poll is a safety net. */
    @Bean
    Sequencer sequencer(JdbcTemplate jdbc, TransactionTemplate transactions, JdbcLogStore store, Checkpoints checkpoints,
                        LedgerProperties properties, EventStore eventStore, MeterRegistry registry, DatabaseClock clock,
                        CommitSignal commits) {
        Sequencer sequencer = new Sequencer(jdbc, transactions, store, checkpoints, properties.log(), clock, registry);
        commits.onCommitElsewhere(sequencer::wake);
        eventStore.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> sequencer.wake());
            } else {
                sequencer.wake();
            }
        });
        return sequencer;
    }

    @Bean
    TransparencyLog transparencyLog(JdbcLogStore store, Checkpoints checkpoints, Sequencer sequencer,
                                    WitnessCosigning witnesses) {
        return new JdbcTransparencyLog(store, checkpoints, sequencer::roundNow, witnesses);
    }

    @Bean
    LogVerification logVerification(DataSource dataSource, JdbcTemplate jdbc, NoteSigner checkpointSigner,
                                    Sequencer sequencer, LedgerProperties properties, NodeIdentity node,
                                    Checkpoints checkpoints, JdbcLogStore store) {
        LedgerProperties.Verification settings = properties.log().verification();
        LogVerifier verifier = new LogVerifier(NoteVerifier.parse(checkpointSigner.verifierKey()), settings.fetchSize(),
                settings.unsequencedGrace(), sequencer::sweepSoon, Clock.systemUTC());
        return new JdbcLogVerification(dataSource, jdbc, verifier, node.id(), Clock.systemUTC(),
                checkpoints, store, properties.log().checkpointDir().toAbsolutePath(), settings.fullInterval());
    }

    /**
     * The verification, every interval on one node of the fleet (the result is shared in the database):
     * what was added since that node's last one, every leaf at least once per full interval.
     */
    @Bean
    RecurringTask<Void> scheduledLedgerVerification(LogVerification verification, LedgerProperties properties) {
        Duration interval = properties.log().verification().interval();
        return ClusterTasks.every("ledger-log-verification", interval, min(interval, FIRST_VERIFICATION),
                verification::verifyScheduled);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Bean
    LogHealthIndicator ledgerLogHealthIndicator(LogVerification verification, Checkpoints checkpoints) {
        return new LogHealthIndicator(verification, checkpoints);
    }
}
