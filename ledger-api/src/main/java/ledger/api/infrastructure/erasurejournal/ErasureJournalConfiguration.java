package ledger.api.infrastructure.erasurejournal;

import java.time.Clock;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.fleet.FleetDirectories;
import ledger.api.infrastructure.fleet.NodeIdentity;

/** The erasure journal outside the database ({@code ledger.erasure-journal.dir}) and its re-application at start. */
@Configuration(proxyBeanMethods = false)
class ErasureJournalConfiguration {

    @Bean(destroyMethod = "close")
    FileErasureJournal erasureJournal(LedgerProperties properties, NodeIdentity node, FleetDirectories directories) {
        FileErasureJournal journal = FileErasureJournal.open(properties.erasureJournal().dir(), node.id(),
                Clock.systemUTC());
        directories.require("erasure-journal", "erasure journal directory", journal.directory(),
                "LEDGER_ERASURE_JOURNAL_DIR");
        return journal;
    }

    @Bean
    ErasureJournalReplay erasureJournalReplay(FileErasureJournal journal, JdbcTemplate jdbc, EventStore events,
                                              CommandGateway commands) {
        return new ErasureJournalReplay(journal, jdbc, events, commands);
    }
}
