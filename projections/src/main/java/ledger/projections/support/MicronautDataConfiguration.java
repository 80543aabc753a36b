package ledger.projections.support;

import org.springframework.context.annotation.Configuration;

import io.micronaut.spring.boot.starter.EnableMicronaut;

/**
 * Runs Micronaut Data JDBC inside the Spring context. Micronaut sees Spring's {@code dataSource}
 * as its "default" datasource and, with {@code datasources.default.transaction-manager: springJdbc},
 * joins the transaction Spring (and Axon) bound to the thread. Only repositories are exposed to
 * Spring: exposing every Micronaut bean collides with Spring's transaction interceptor.
 * See docs/decisions.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableMicronaut(filter = MicronautRepositoriesOnly.class)
public class MicronautDataConfiguration {
}
