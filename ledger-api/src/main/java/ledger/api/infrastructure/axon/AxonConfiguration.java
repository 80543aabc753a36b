package ledger.api.infrastructure.axon;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ledger.core.contactcase.ContactCase;
import ledger.core.contactcase.ContactCaseErasure;
import ledger.core.contactcase.ContactCaseIntake;
import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.crypto.KeyVault;
import ledger.core.crypto.SubjectDataPurge;
import ledger.core.member.Member;
import ledger.core.member.MemberErasure;
import ledger.core.member.MemberRegistration;
import ledger.core.member.MemberRefusals;
import ledger.core.member.UsernameRegistry;
import ledger.core.shared.Refusal;
import ledger.core.shared.RefusalDetails;
import ledger.core.request.DataSubjectRequest;
import ledger.core.request.MemberEventLookup;
import ledger.core.request.RequestCompletion;

/**
 * Wires the framework-free domain into Axon: aggregates, the command handlers that reach beyond
 * one aggregate, a Jackson serializer of its own (tolerant of new fields, unlike the HTTP one) and
 * a command gateway that retries optimistic-concurrency conflicts.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * A failing projection handler fails its whole batch: rows and token roll back together and
     * the batch is retried, instead of Axon's default of logging and moving on (which would lose
     * the event for that read model for good).
     */
    @Bean
    ConfigurerModule projectionsFailTheirBatch() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * Business refusals leave a command handler as {@link CommandExecutionException} with
     * {@link RefusalDetails}: locally the refusal stays the cause, through Axon Server the details
     * are what arrives, and both map to the same HTTP answer.
     */
    @Bean
    ConfigurerModule refusalsCrossTheWire() {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INBOUND_COMMAND_CONNECTOR - 1,
                () -> config.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
                    try {
                        return chain.proceed();
                    } catch (Refusal refusal) {
                        List<java.util.UUID> holds = refusal instanceof MemberRefusals.ErasureBlockedByLegalHold b
                                ? b.holds() : List.of();
                        throw new CommandExecutionException(refusal.getMessage(), refusal,
                                new RefusalDetails(refusal.kind(), refusal.code(), refusal.getMessage(), holds));
                    }
                })));
    }

    @Bean
    ConfigurerModule ledgerDomain(UsernameRegistry usernames, KeyVault keys, List<SubjectDataPurge> purges,
                                  MemberEventLookup memberEvents,
                                  @org.springframework.beans.factory.annotation.Value("${ledger.snapshot-threshold:250}")
                                  int snapshotThreshold) {
        // Long histories load from a snapshot (encrypted like events) plus the events after it.
        AggregateConfigurer<Member> member = AggregateConfigurer.defaultConfiguration(Member.class);
        if (snapshotThreshold > 0) {
            member.configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                    snapshotThreshold));
        }
        return configurer -> configurer
                .configureAggregate(member)
                .configureAggregate(ContactCase.class)
                .configureAggregate(DataSubjectRequest.class)
                .registerCommandHandler(c -> new RequestCompletion(c.repository(DataSubjectRequest.class),
                        memberEvents))
                .registerCommandHandler(c -> new MemberRegistration(c.repository(Member.class), usernames))
                .registerCommandHandler(c -> new MemberErasure(c.repository(Member.class), usernames, keys, purges))
                .registerCommandHandler(c -> new ContactCaseIntake(c.repository(ContactCase.class)))
                .registerCommandHandler(c -> new ContactCaseErasure(c.repository(ContactCase.class), keys, purges));
    }

    /**
     * What the pooled processors read (application.yml names it as their {@code source}): the event
     * store, woken on every local commit instead of polled every 500 ms.
     */
    @Bean(destroyMethod = "close")
    WakingEventSource processorEvents(org.axonframework.eventsourcing.eventstore.EventStore eventStore,
                                      @org.springframework.beans.factory.annotation.Value(
                                              "${ledger.event-source.poll-millis:250}") long pollMillis) {
        return new WakingEventSource(eventStore, java.time.Duration.ofMillis(pollMillis));
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

    /** Spring's snapshotter finds the aggregates it can snapshot through their factory beans. */
    @Bean
    AggregateFactory<Member> memberAggregateFactory() {
        return new MemberFactory();
    }

    /** Messages, tokens and events are stored as JSON; unknown properties are ignored for evolution. */
    public static ObjectMapper storageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The general serializer encrypts too: Axon's JDBC storage engine writes snapshots with it (not
     * with the event serializer), and a snapshot carries the member's personal state. Tokens and
     * deadline payloads hold no personal data and pass through unchanged.
     */
    @Bean
    @Primary
    Serializer serializer(KeyVault keys,
                          @org.springframework.beans.factory.annotation.Value("${ledger.benchmark.null-cipher:false}")
                          boolean nullCipher,
                          org.springframework.core.env.Environment environment) {
        return encrypting(keys, nullCipher, environment);
    }

    /** Command, query and event messages on the wire (Axon Server) are not stored: plain JSON. */
    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).lenientDeserialization().build();
    }

    /** Events: personal data encrypted under the subject's key (crypto-shredding). */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(KeyVault keys,
                               @org.springframework.beans.factory.annotation.Value("${ledger.benchmark.null-cipher:false}")
                               boolean nullCipher,
                               org.springframework.core.env.Environment environment) {
        return encrypting(keys, nullCipher, environment);
    }

    private static Serializer encrypting(KeyVault keys, boolean nullCipher,
                                         org.springframework.core.env.Environment environment) {
        if (nullCipher && !environment.matchesProfiles("bench")) {
            throw new IllegalStateException("ledger.benchmark.null-cipher stores personal data in the clear and is "
                    + "refused outside the bench profile");
        }
        return new CryptoShreddingSerializer(
                JacksonSerializer.builder().objectMapper(storageObjectMapper()).lenientDeserialization().build(), keys,
                nullCipher);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(commandRetryExecutor, 5))
                .build();
    }
}
