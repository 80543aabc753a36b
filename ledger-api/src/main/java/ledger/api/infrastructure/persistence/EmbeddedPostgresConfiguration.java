package ledger.api.infrastructure.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ledger.api.configuration.LedgerProperties;

/**
 * The local default: with no {@code spring.datasource.url}, the service runs its own PostgreSQL
 * (real binaries from a Maven artifact) on a data directory that survives restarts. The bean's
 * close stops PostgreSQL cleanly when the service stops.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(LedgerProperties properties) throws IOException {
        Path dataDir = properties.embeddedPostgres().dataDir().toAbsolutePath().normalize();
        Path parent = dataDir.getParent();
        if (!Files.isDirectory(parent)) {
            // data/ also holds the generated master key: its owner's alone
            if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(parent,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(properties.embeddedPostgres().port())
                .start();
        log.info("No spring.datasource.url configured: started embedded PostgreSQL on port {} with data in {}",
                postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, DataSourceProperties properties) {
        properties.setUrl(postgres.getJdbcUrl("postgres", "postgres"));
        properties.setUsername("postgres");
        properties.setPassword("");
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
