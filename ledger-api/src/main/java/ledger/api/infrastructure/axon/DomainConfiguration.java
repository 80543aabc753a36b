package ledger.api.infrastructure.axon;

import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import ledger.api.configuration.LedgerProperties;
import ledger.core.contactcase.ContactCase;
import ledger.core.contactcase.ContactCaseErasure;
import ledger.core.contactcase.ContactCaseIntake;
import ledger.core.crypto.KeyVault;
import ledger.core.erasure.ErasureJournal;
import ledger.core.erasure.SubjectDataPurge;
import ledger.core.member.Member;
import ledger.core.member.MemberErasure;
import ledger.core.member.MemberRegistration;
import ledger.core.member.UsernameRegistry;
import ledger.core.notice.Notice;
import ledger.core.notice.NoticeRegistration;
import ledger.core.notice.NoticeRegistry;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.request.DataSubjectRequest;
import ledger.core.request.MemberEventLookup;
import ledger.core.request.RequestBook;
import ledger.core.request.RequestClosing;
import ledger.core.request.RequestIntake;
import ledger.core.request.RequesterShredding;
import ledger.core.shared.RetentionPolicy;
import ledger.core.shared.StoredAggregates;

/**
 * The domain in Axon: the aggregates, the command handlers that reach beyond one aggregate, and
 * the values the configuration gives them (purposes, retention, the notices registered at start).
 */
@Configuration(proxyBeanMethods = false)
class DomainConfiguration {

    @Bean
    PurposeCatalog purposeCatalog(LedgerProperties properties) {
        return new PurposeCatalog(properties.purposes().keySet());
    }

    @Bean
    RetentionPolicy retentionPolicy(LedgerProperties properties) {
        LedgerProperties.Retention retention = properties.retention();
        return new RetentionPolicy(retention.afterMembershipEnd(), retention.contactCaseMaximum(),
                retention.inactivity(), retention.contactCaseAfterClosure(),
                properties.requests() == null ? null : properties.requests().requesterRetention());
    }

    /** The configured notices (the policy's version 2019-01-05 by default), registered at start. */
    @Bean
    ConfiguredNotices configuredNotices(LedgerProperties properties, ResourceLoader resources,
                                        CommandGateway commands) {
        return new ConfiguredNotices(properties.notices(), resources, commands);
    }

    @Bean
    ConfigurerModule ledgerDomain(UsernameRegistry usernames, KeyVault keys, List<SubjectDataPurge> purges,
                                  MemberEventLookup memberEvents, StoredAggregates stored, RequestBook requestBook,
                                  LedgerProperties properties, ErasureJournal erasureJournal, NoticeRegistry notices,
                                  ObjectProvider<MemberCache> memberCache,
                                  CommandTargetResolver commandTargets) {
        // Long histories load from a snapshot (encrypted like events) plus the events after it; a member
        // already loaded on this node (MemberCache) is not loaded again.
        AggregateConfigurer<Member> member = ownTypeOnly(Member.class, commandTargets);
        if (properties.snapshotThreshold() > 0) {
            member.configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                    properties.snapshotThreshold()));
        }
        MemberCache cache = memberCache.getIfAvailable();
        if (cache != null) {
            member.configureCache(c -> cache);
        }
        return configurer -> configurer
                .configureAggregate(member)
                .configureAggregate(ownTypeOnly(ContactCase.class, commandTargets))
                .configureAggregate(ownTypeOnly(DataSubjectRequest.class, commandTargets))
                .configureAggregate(ownTypeOnly(Notice.class, commandTargets))
                .registerCommandHandler(c -> new NoticeRegistration(c.repository(Notice.class), notices))
                .registerCommandHandler(c -> new RequestIntake(c.repository(DataSubjectRequest.class), stored,
                        requestBook))
                .registerCommandHandler(c -> new RequestClosing(c.repository(DataSubjectRequest.class), memberEvents,
                        requestBook))
                .registerCommandHandler(c -> new RequesterShredding(c.repository(DataSubjectRequest.class), keys))
                .registerCommandHandler(c -> new MemberRegistration(c.repository(Member.class), usernames, stored))
                .registerCommandHandler(c -> new MemberErasure(c.repository(Member.class), usernames, keys, purges,
                        erasureJournal))
                .registerCommandHandler(c -> new ContactCaseIntake(c.repository(ContactCase.class)))
                .registerCommandHandler(c -> new ContactCaseErasure(c.repository(ContactCase.class), keys, purges,
                        erasureJournal));
    }

    /** An aggregate whose repository refuses ids of another aggregate type as unknown (see {@link OwnTypeOnly}). */
    private static <A> AggregateConfigurer<A> ownTypeOnly(Class<A> type, CommandTargetResolver commandTargets) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCommandTargetResolver(c -> commandTargets)
                .configureAggregateFactory(c -> new OwnTypeOnly<>(new GenericAggregateFactory<>(
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(type, c.parameterResolverFactory(),
                                c.handlerDefinition(type)))));
    }

    /** Members kept between commands on this node (none when ledger.member-cache.maximum-size is 0). */
    @Bean
    @ConditionalOnExpression("${ledger.member-cache.maximum-size:0} > 0")
    MemberCache memberCache(LedgerProperties properties) {
        return new MemberCache(properties.memberCache().ttl(), properties.memberCache().maximumSize());
    }

    /** Spring's snapshotter finds the aggregates it can snapshot through their factory beans. */
    @Bean
    AggregateFactory<Member> memberAggregateFactory() {
        return new MemberFactory();
    }
}
