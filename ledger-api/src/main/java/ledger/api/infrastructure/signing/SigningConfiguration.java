package ledger.api.infrastructure.signing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import ledger.api.configuration.LedgerProperties;
import ledger.core.log.NoteSigner;

/** The ledger's signing key: checkpoints, consent receipts and erasure receipts are signed with it. */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

    /** Signs the ledger's checkpoints (docs/verifiable-ledger.md); the same start-up rules as the master key. */
    @Bean
    NoteSigner checkpointSigner(LedgerProperties properties, Environment environment) {
        return SigningKeys.load(properties.log(), environment);
    }
}
