package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.ProcessRetriesExhaustedException;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;

import ledger.api.LedgerApplication;
import ledger.api.support.IntegrationTest;
import ledger.core.crypto.CryptoShreddingSerializer;

/**
 * The {@code axonserver} profile wires events and routing to Axon Server, keeping the encrypting
 * serializer and the PostgreSQL token store. No Axon Server runs here, so the service cannot
 * finish starting (its processors cannot open event streams): the test records the beans the
 * profile creates and checks that the start fails only for want of the server.
 */
class AxonServerProfileIT {

    @TempDir
    Path dir;

    @Test
    void the_axonserver_profile_routes_through_axon_server_and_keeps_crypto_shredding() {
        Map<String, Object> beans = new ConcurrentHashMap<>();
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                beans.putIfAbsent(name, bean);
                return bean;
            }
        }));
        Throwable failure = catchThrowable(() -> application.run(
                "--server.port=0", "--spring.profiles.active=axonserver",
                "--axon.axonserver.servers=127.0.0.1:1",
                "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg"),
                "--ledger.master-key=" + IntegrationTest.TEST_MASTER_KEY,
                "--ledger.tokens.portal=portal-secret-0123456789", "--ledger.tokens.auditor=auditor-secret-0123456789",
                "--ledger.tokens.dpm=dpm-secret-0123456789", "--ledger.tokens.admin=admin-secret-0123456789").close());

        assertThat(beans.values()).anyMatch(b -> b instanceof AxonServerEventStore);
        assertThat(beans.values()).filteredOn(b -> b instanceof EventStore).allMatch(b -> b instanceof AxonServerEventStore);
        assertThat(beans.values()).filteredOn(b -> b instanceof CommandBus).anyMatch(b -> b instanceof AxonServerCommandBus);
        assertThat(beans.values()).filteredOn(b -> b instanceof TokenStore).allMatch(b -> b instanceof JdbcTokenStore);
        assertThat(beans.get("eventSerializer")).isInstanceOf(CryptoShreddingSerializer.class);
        assertThat(failure).as("fails only because no Axon Server answers").isNotNull()
                .hasRootCauseInstanceOf(ProcessRetriesExhaustedException.class);
    }
}
