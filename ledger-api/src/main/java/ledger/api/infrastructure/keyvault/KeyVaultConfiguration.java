package ledger.api.infrastructure.keyvault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

import ledger.api.configuration.DevelopmentMode;
import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.files.KeyFiles;
import ledger.core.crypto.AesGcm;
import ledger.core.crypto.KeyVault;
import ledger.core.crypto.UnitOfWorkKeyCache;
import ledger.core.erasure.DeadRowTables;

/**
 * The master key comes from {@code LEDGER_MASTER_KEY} (base64 of 32 bytes) or the file named by
 * {@code LEDGER_MASTER_KEY_FILE}, never from the database. Only the local default (no active
 * profile) may generate a missing key file, with a warning; every other profile refuses to start.
 * A node whose keys do not fit the stored data keys or the fleet's active key refuses to start too
 * ({@link FleetMasterKey}).
 */
@Configuration(proxyBeanMethods = false)
public class KeyVaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KeyVaultConfiguration.class);

    @Bean
    MasterKeys masterKeys(LedgerProperties properties, Environment environment) {
        String masterKey = properties.masterKey();
        Path masterKeyFile = properties.masterKeyFile();
        List<byte[]> previous = properties.previousMasterKeys().stream().map(MasterKeys::decode).toList();
        if (StringUtils.hasText(masterKey)) {
            return new MasterKeys(MasterKeys.decode(masterKey), previous);
        }
        if (Files.exists(masterKeyFile)) {
            return new MasterKeys(MasterKeys.decode(KeyFiles.read(masterKeyFile)), previous);
        }
        if (!DevelopmentMode.of(environment).on()) {
            throw new IllegalStateException("No master key: set LEDGER_MASTER_KEY (base64 of 32 random bytes) or "
                    + "LEDGER_MASTER_KEY_FILE; only the local default profile generates one");
        }
        byte[] generated = AesGcm.newKey();
        KeyFiles.create(masterKeyFile, Base64.getEncoder().encodeToString(generated));
        log.warn("No master key configured: generated one for local use in {}. Anyone with this file and the "
                + "database can read all personal data; losing it makes all personal data unreadable.",
                masterKeyFile.toAbsolutePath());
        return new MasterKeys(generated, previous);
    }

    @Bean
    ErasureVacuum erasureVacuum(DataSource dataSource, ObjectProvider<DeadRowTables> declarations,
                                LedgerProperties properties) {
        return new ErasureVacuum(dataSource, () -> declarations.orderedStream().toList(),
                properties.erasure().vacuumWait(), properties.erasure().vacuumInterval());
    }

    /** Checked before anything uses the vault: a node whose master keys do not fit the database does not start. */
    @Bean
    FleetMasterKey fleetMasterKey(JdbcTemplate jdbc, MasterKeys masterKeys, TransactionTemplate transactions) {
        FleetMasterKey fleet = new FleetMasterKey(jdbc, masterKeys, transactions);
        fleet.verifyAtStart();
        return fleet;
    }

    @Bean
    JdbcKeyVault jdbcKeyVault(JdbcTemplate jdbc, MasterKeys masterKeys, FleetMasterKey fleet, ErasureVacuum vacuum) {
        return new JdbcKeyVault(jdbc, masterKeys, fleet, vacuum);
    }

    /** The vault as everything uses it: cached for one unit of work, never longer. */
    @Bean
    @Primary
    KeyVault keyVault(JdbcKeyVault vault) {
        return new UnitOfWorkKeyCache(vault);
    }
}
