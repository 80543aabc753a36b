package ledger.api.infrastructure.axon;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.function.SingletonSupplier;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.fleet.CommitSignal;
import ledger.api.infrastructure.keyvault.KeyRowsReadPerBatch;
import ledger.api.infrastructure.scheduling.NodeLoop;
import ledger.core.member.Member;
import ledger.core.shared.Refusal;
import ledger.projections.consent.ConsentHistoryProjection;
import ledger.projections.erasure.ErasureReceiptProjection;
import ledger.projections.history.MemberHistoryProjection;
import ledger.projections.member.MemberViewProjection;
import ledger.projections.request.RequestProjection;

/**
 * Messaging in Axon: the command gateway that retries optimistic-concurrency conflicts, refusals
 * that cross the wire as details, the source the event processors read and how their failures are
 * handled. The processors' settings are in application.yml ({@code axon.eventhandling.processors}),
 * declared once and shared.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

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
     * Read models that share a processor: one stream read, one deserialization (and decryption) per
     * event, one transaction and one token update per batch for all of them instead of one each
     * (docs/performance.md, "The write path"). The member history rides with the member view (both
     * take every member event, per member in order, two segments); the erasure receipts and the
     * data-subject requests ride with the consent history (one segment, commit order). Each keeps
     * its processing group: its own handlers, dead-letter queue and savepoints
     * ({@link SavepointPerEvent}). A replay of one rebuilds every read model of its processor.
     * The automations (request answering, retention) keep processors of their own: they send
     * commands, and a read model's batch should not wait for them.
     */
    static final Map<String, String> SHARED_PROCESSORS = Map.of(
            MemberHistoryProjection.NAME, MemberViewProjection.NAME,
            ErasureReceiptProjection.NAME, ConsentHistoryProjection.NAME,
            RequestProjection.NAME, ConsentHistoryProjection.NAME);

    /**
     * The read models' processors write their history rows once per batch ({@link RowsWrittenPerBatch}); each
     * knows the groups it runs, which must all be careful together when a batch's write fails.
     */
    @Bean
    ConfigurerModule readModelsWriteRowsPerBatch(DataSource dataSource, SavepointPerEvent savepoints) {
        return configurer -> Set.of(MemberViewProjection.NAME, ConsentHistoryProjection.NAME).forEach(processor -> {
            Set<String> groups = new HashSet<>(Set.of(processor));
            SHARED_PROCESSORS.forEach((group, shared) -> {
                if (shared.equals(processor)) {
                    groups.add(group);
                }
            });
            // not a bean itself: Axon's Boot configuration would put an interceptor bean on every processor
            configurer.eventProcessing().registerHandlerInterceptor(processor,
                    c -> new RowsWrittenPerBatch(dataSource, groups, savepoints));
        });
    }

    /** Axon's message origin, not asked in the read models' batches ({@link OriginOutsideReadModels}). */
    @Bean
    org.axonframework.messaging.correlation.CorrelationDataProvider messageOrigin() {
        return new OriginOutsideReadModels(Set.of(MemberViewProjection.NAME, ConsentHistoryProjection.NAME));
    }

    /** The member view's batches read their members' key rows in one statement ({@link KeyRowsReadPerBatch}). */
    @Bean
    ConfigurerModule memberViewReadsKeyRowsPerBatch(JdbcTemplate jdbc) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(MemberViewProjection.NAME,
                c -> new KeyRowsReadPerBatch(jdbc, Member.class.getSimpleName()));
    }

    @Bean
    ConfigurerModule readModelsShareProcessors() {
        return configurer -> SHARED_PROCESSORS.forEach((group, processor) ->
                configurer.eventProcessing().assignProcessingGroup(group, processor));
    }

    /**
     * Business refusals leave a command handler as {@link CommandExecutionException} with the
     * refusal's details: locally the refusal stays the cause, through Axon Server the details are
     * what arrives, and both map to the same HTTP answer.
     */
    @Bean
    ConfigurerModule refusalsCrossTheWire() {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.INBOUND_COMMAND_CONNECTOR - 1,
                () -> config.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
                    try {
                        return chain.proceed();
                    } catch (Refusal refusal) {
                        throw new CommandExecutionException(refusal.getMessage(), refusal, refusal.details());
                    }
                })));
    }

    /** Command, query and event messages on the wire (Axon Server) are not stored: plain JSON. */
    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return Serializers.plain();
    }

    /**
     * What the pooled processors read (application.yml names it as their {@code source}): the event
     * store, woken on every local commit instead of polled every 500 ms.
     */
    @Bean(destroyMethod = "close")
    WakingEventSource processorEvents(EventStore eventStore, LedgerProperties properties, CommitSignal commits,
                                      ObjectProvider<EventProcessingConfiguration> processing) {
        Map<String, Optional<StreamingEventProcessor>> processors = new java.util.concurrent.ConcurrentHashMap<>();
        WakingEventSource source = new WakingEventSource(eventStore, properties.eventSource().poll(),
                commits::localCommit, name -> processors
                        .computeIfAbsent(name, n -> processing.getObject().eventProcessor(n, StreamingEventProcessor.class))
                        .map(processor -> processor.processingStatus().values())
                        .orElse(java.util.List.of()));
        commits.onCommitElsewhere(() -> {
            // the store's reader fetches first, then the processors' streams look
            if (eventStore instanceof WakeableEventStore wakeable) {
                wakeable.fetchNow();
            }
            source.committedElsewhere();
        });
        return source;
    }

    /**
     * The member view and its history written with the command ({@code ledger.read-models.inline}). Not
     * with Axon Server: there the events commit in the server, not in this node's transaction.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!${axon.axonserver.enabled:false}")
    InlineMemberView inlineMemberView(EventStore eventStore, EventProcessingConfiguration processing,
                                      DataSource dataSource, InlineMemberView.Switch inlineSwitch) {
        return new InlineMemberView(eventStore, processing, dataSource, inlineSwitch);
    }

    @Bean
    InlineMemberView.Switch inlineSwitch(LedgerProperties properties) {
        return new InlineMemberView.Switch(properties.readModels() != null && properties.readModels().inline());
    }

    /**
     * The member-view processor passes over what both its read models already reflect before it builds a
     * batch: no transaction, no token update for what the commands wrote ({@link ReflectedEventsPassedOver}).
     */
    @Bean
    @ConditionalOnExpression("!${axon.axonserver.enabled:false}")
    ReflectedEventsPassedOver reflectedEventsPassedOver(DataSource dataSource, InlineMemberView.Switch inlineSwitch,
                                                        ObjectProvider<EventProcessingConfiguration> processing) {
        // the processor exists only after the handlers were built: looked up when first asked
        Supplier<Optional<StreamingEventProcessor>> memberView = SingletonSupplier.of(() -> processing.getObject()
                .eventProcessor(MemberViewProjection.NAME, StreamingEventProcessor.class));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new ReflectedEventsPassedOver(Set.of(MemberViewProjection.NAME, MemberHistoryProjection.NAME),
                inlineSwitch::on, ReflectedEventsPassedOver.replayedBy(memberView),
                member -> InlineMemberView.reflected(jdbc, member),
                () -> jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class));
    }

    /** With the member view written by the commands, its processor passes over what they wrote. */
    @Bean
    @ConditionalOnExpression("!${axon.axonserver.enabled:false}")
    ConfigurerModule memberViewProcessorSkipsWhatCommandsWrote(DataSource dataSource, InlineMemberView.Switch inlineSwitch,
                                                               ReflectedEventsSkipped.Looks looks) {
        // not a bean itself: Axon's Boot configuration would put an interceptor bean on every processor
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(MemberViewProjection.NAME,
                c -> new ReflectedEventsSkipped(new JdbcTemplate(dataSource), inlineSwitch::on, looks));
    }

    @Bean
    ReflectedEventsSkipped.Looks reflectedEventsLooks() {
        return new ReflectedEventsSkipped.Looks();
    }

    /** The gateway's retries of a command that met a concurrent change, on a loop of their own. */
    @Bean(destroyMethod = "stop")
    NodeLoop commandRetries() {
        return NodeLoop.start("command-retry");
    }

    /** Where a command's target aggregate is found, remembered per command type (one search per class). */
    @Bean
    CommandTargetResolver commandTargets() {
        return new RememberedCommandTargets();
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, NodeLoop commandRetries, CommandTargetResolver commandTargets) {
        return DefaultCommandGateway.builder()
                .commandBus(new TurnTakingCommandBus(commandBus, commandTargets))
                .retryScheduler(new ConcurrencyRetryScheduler(commandRetries.executorService(), 5))
                .build();
    }
}
