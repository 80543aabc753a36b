package ledger.api.infrastructure.fleet;

import java.time.Duration;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Several nodes on one database: distinct token owners and a fair split of segments. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    @Bean
    NodeIdentity nodeIdentity(@Value("${ledger.node-id:}") String configured) {
        return NodeIdentity.of(configured);
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          NodeIdentity node, @Value("${ledger.fleet.claim-timeout:PT10S}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .nodeId(node.id())
                .claimTimeout(claimTimeout)
                .build();
    }
}
