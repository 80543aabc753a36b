package ledger.api.infrastructure.axon;

import ledger.api.LedgerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ledger.core.consent.PurposeCatalog;
import ledger.core.shared.RetentionPolicy;

/** Turns configuration into the domain's values; Axon injects them into command handlers. */
@Configuration(proxyBeanMethods = false)
class DomainConfiguration {

    @Bean
    PurposeCatalog purposeCatalog(LedgerProperties properties) {
        return new PurposeCatalog(properties.purposes());
    }

    /** The ledger's clock for queries ("overdue"); event times come from Axon's event clock. */
    @Bean
    java.time.Clock ledgerClock() {
        return java.time.Clock.systemUTC();
    }

    @Bean
    RetentionPolicy retentionPolicy(LedgerProperties properties) {
        return new RetentionPolicy(properties.retention().afterMembershipEnd(),
                properties.retention().contactCaseMaximum(), properties.retention().inactivity(),
                properties.retention().contactCaseAfterClosure());
    }
}
