package ledger.api.infrastructure.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * A start that stops as soon as the service is ready ({@code ledger.startup.exit-when-ready}):
 * bin/ledger's training run, whose JVM writes the classes a start loads into a class-data-sharing
 * archive at exit. Spring's own {@code spring.context.exit=onRefresh} halts the JVM without its
 * shutdown hooks, which left the embedded PostgreSQL running and the next start unable to start
 * it; here the context closes as on any shutdown, the database with it.
 */
@Component
@ConditionalOnProperty(name = "ledger.startup.exit-when-ready", havingValue = "true")
class ExitWhenReady implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExitWhenReady.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        log.info("Ready; stopping again (ledger.startup.exit-when-ready)");
        System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
}
