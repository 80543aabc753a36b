package ledger.api.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;

/**
 * A ledger node on a database of its own (created next to the shared test database) and directories
 * of its own: for tests that attack a log (rewrite, restore, fork) without touching the shared one.
 */
public final class LedgerNode implements AutoCloseable {

    public final String database;
    public final ConfigurableApplicationContext context;
    public final int port;
    public final JdbcTemplate sql;

    /** Starts a node; {@code extraArguments} add or override settings (e.g. the witnesses). */
    public LedgerNode(DataSource shared, String database, Path checkpoints, String... extraArguments) {
        this.database = database;
        HikariDataSource hikari = (HikariDataSource) shared;
        String url = urlOf(shared, database);
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--ledger.master-key=" + IntegrationTest.TEST_MASTER_KEY,
                "--ledger.log.signing-key=" + IntegrationTest.TEST_SIGNING_KEY,
                "--ledger.log.checkpoint-dir=" + checkpoints,
                "--ledger.log.checkpoint-interval=PT1S",
                // the fleet's journal goes with its checkpoint directory (a restored database keeps both)
                "--ledger.erasure-journal.dir=" + checkpoints.resolveSibling(checkpoints.getFileName() + "-journal")));
        arguments.addAll(List.of(extraArguments));
        this.context = new SpringApplicationBuilder(LedgerApplication.class).run(arguments.toArray(String[]::new));
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.sql = new JdbcTemplate(new SingleConnectionDataSource(url, hikari.getUsername(),
                hikari.getPassword() == null ? "" : hikari.getPassword(), true));
    }

    /** Creates an empty database beside the shared one; answers its name. */
    public static String freshDatabase(JdbcTemplate shared, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        shared.execute("CREATE DATABASE " + name);
        return name;
    }

    public static String urlOf(DataSource shared, String database) {
        String url = ((HikariDataSource) shared).getJdbcUrl();
        return url.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    }

    /** A fresh client (the portal's token): Api keeps the token it was last given. */
    public Api api() {
        return new Api(port);
    }

    @Override
    public void close() {
        context.close();
        ((SingleConnectionDataSource) sql.getDataSource()).destroy();
    }
}
