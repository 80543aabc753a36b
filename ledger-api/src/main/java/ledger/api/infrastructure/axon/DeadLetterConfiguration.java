package ledger.api.infrastructure.axon;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ledger.api.configuration.LedgerProperties;

/**
 * Poison events: every processor with {@code dlq.enabled} in application.yml (every pooled one)
 * dead-letters an event its handlers cannot take and moves on. Axon's Boot configuration builds
 * the JDBC queues; this adds the table's names, the policy that tells poison from a passing fault,
 * the savepoints that keep a read model exactly-once around a dead letter, and a reset (replay)
 * that clears the group's letters, since the replay handles those events again.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** The table V26 creates: snake_case like the event store. */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    DeadLetterGroups deadLetterGroups(EventProcessorProperties processors) {
        Set<String> groups = new TreeSet<>();
        processors.getProcessors().forEach((name, settings) -> {
            if (settings.getDlq().isEnabled()) {
                groups.add(name);
            }
        });
        return new DeadLetterGroups(groups);
    }

    @Bean
    SavepointPerEvent savepointPerEvent(DataSource dataSource, DeadLetterGroups groups, LedgerProperties properties) {
        return new SavepointPerEvent(dataSource, groups.names(), properties.deadLetters().savepointWindow(),
                Clock.systemUTC());
    }

    @Bean
    ConfigurerModule poisonEventsAreDeadLettered(DeadLetterGroups groups, LedgerProperties properties) {
        PoisonEventPolicy policy = new PoisonEventPolicy(properties.deadLetters().attempts());
        return configurer -> groups.names().forEach(group -> configurer.eventProcessing()
                .registerDeadLetterPolicy(group, c -> policy)
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, builder) -> builder
                        // remembers sequences known to have no letter: no query per event
                        .enableSequenceIdentifierCache()
                        .allowReset(true)));
    }

    /** The processing groups (processor names) that dead-letter poison events. */
    record DeadLetterGroups(Set<String> names) {
        DeadLetterGroups {
            names = Set.copyOf(names);
        }
    }
}
