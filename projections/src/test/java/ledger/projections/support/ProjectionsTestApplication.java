package ledger.projections.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The smallest context that runs the projections as the service does: Boot's pool, Spring's
 * transactions and Flyway, Micronaut Data repositories joining those transactions
 * ({@link MicronautDataConfiguration}), and every projection of the module. No Axon: the tests
 * call the handlers as a processor would, one batch per transaction.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan("ledger.projections")
public class ProjectionsTestApplication {
}
