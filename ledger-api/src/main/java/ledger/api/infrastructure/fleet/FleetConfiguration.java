package ledger.api.infrastructure.fleet;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ledger.api.LedgerProperties;

/** Several nodes on one database: distinct token owners and a fair split of segments. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    @Bean
    NodeIdentity nodeIdentity(LedgerProperties properties) {
        return NodeIdentity.of(properties.nodeId());
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          NodeIdentity node, LedgerProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .nodeId(node.id())
                .claimTimeout(properties.fleet().claimTimeout())
                .build();
    }
}
