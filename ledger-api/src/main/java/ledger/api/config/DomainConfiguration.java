package ledger.api.config;

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

    @Bean
    RetentionPolicy retentionPolicy(LedgerProperties properties) {
        return new RetentionPolicy(properties.retention().afterMembershipEnd(),
                properties.retention().contactCaseMaximum());
    }
}
