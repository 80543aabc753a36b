package ledger.api.infrastructure.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import ledger.api.configuration.LedgerProperties;
import ledger.core.crypto.FieldCipher;
import ledger.core.crypto.KeyVault;

/**
 * Storage in Axon (Axon's {@code Configuration} is spelled out where Spring's annotation of the
 * same name is imported): the event and token tables as the Flyway migrations create them, the encrypting
 * serializers, and (without Axon Server) the JDBC event store.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** How personal fields are sealed; AES-256-GCM (a benchmark may put a decorator in its place). */
    @Bean
    FieldCipher fieldCipher() {
        return FieldCipher.aesGcm();
    }

    /**
     * The general serializer encrypts too: Axon's JDBC storage engine writes snapshots with it (not
     * with the event serializer), and a snapshot carries the member's personal state. Tokens and
     * deadline payloads hold no personal data and pass through unchanged.
     */
    @Bean
    @Primary
    Serializer serializer(KeyVault keys, FieldCipher cipher) {
        return Serializers.encrypting(keys, cipher);
    }

    /** Events: personal data encrypted under the subject's key (crypto-shredding). */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(KeyVault keys, FieldCipher cipher) {
        return Serializers.encrypting(keys, cipher);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyIsConcurrency();
    }

    /** The event tables as the Flyway migration creates them: snake_case, bytea payloads. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The JDBC event store as Axon's Boot configuration builds it, with a short fetch delay: the
     * store's reader is woken when events are published, which happens before they are committed; it
     * may find nothing yet and, with Axon's default, would sleep a full second before looking again.
     * Lowering it alone did not lower the read models' lag (the pooled processors' own 500 ms poll
     * dominated, see {@link WakingEventSource}); it bounds the reader's sleep behind a wake-up. Not used
     * with Axon Server, which has an event store of its own.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    static class JdbcEventStore {

        /** What Axon's JDBC auto-configuration builds; it backs off once an event store bean exists. */
        @Bean
        EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                              PersistenceExceptionResolver persistenceExceptionResolver,
                                              org.axonframework.config.Configuration configuration,
                                              ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                              EventSchema eventSchema, EventCommits commits,
                                              LedgerProperties properties) {
            // a fetch that reached the end is not repeated before a commit, or after half the fetch delay
            ShortFetches shortFetches = new ShortFetches(commits::count, System::nanoTime,
                    properties.eventStore().fetchDelay().toNanos() / 2);
            return new CommitAwareJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                    .snapshotSerializer(serializer)
                    .upcasterChain(configuration.upcasterChain())
                    .persistenceExceptionResolver(persistenceExceptionResolver)
                    .eventSerializer(eventSerializer)
                    .snapshotFilter(configuration.snapshotFilter())
                    .connectionProvider(connectionProvider)
                    .transactionManager(new FetchesOutsideTransactions(transactionManager))
                    .schema(eventSchema), shortFetches);
        }

        @Bean
        EventCommits eventCommits() {
            return new EventCommits();
        }

        @Bean
        WakeableEventStore eventStore(EventStorageEngine storageEngine,
                                      org.axonframework.config.Configuration configuration,
                                      LedgerProperties properties, EventCommits commits) {
            return new WakeableEventStore(EmbeddedEventStore.builder()
                    .storageEngine(storageEngine)
                    .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                    .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                    .fetchDelay(properties.eventStore().fetchDelay().toMillis()), commits);
        }
    }
}
