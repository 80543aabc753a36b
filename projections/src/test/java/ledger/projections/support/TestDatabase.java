package ledger.projections.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the projections' tests run on, as ledger-api's integration tests choose it: the
 * server named by {@code LEDGER_TEST_DB_URL} (user {@code LEDGER_TEST_DB_USER}, default postgres;
 * password {@code LEDGER_TEST_DB_PASSWORD}) when set, otherwise an embedded PostgreSQL started once
 * for the test JVM. Either way the tests work in a schema of their own, created for this JVM and
 * dropped at its end, so they neither see nor disturb what other tests keep in that database.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = freshSchemaName();
    }

    /** The one database of this test JVM. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            String url = System.getenv("LEDGER_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                instance = new TestDatabase(url, System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"),
                        System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""));
            } else {
                EmbeddedPostgres postgres = startEmbedded();
                instance = new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
            }
            TestDatabase database = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(database::dropSchema));
        }
        return instance;
    }

    /** A schema name no other test JVM uses. */
    public static String freshSchemaName() {
        return "projections_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The JDBC URL with the tests' schema as the only schema searched. */
    public String url() {
        return urlFor(schema);
    }

    public String urlFor(String someSchema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + someSchema;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    /** The Flyway locations of the read models' tables and of the service's migrations they need. */
    public static String migrationLocations() {
        return "classpath:db/projections,filesystem:" + serviceMigrations();
    }

    /**
     * ledger-api's own migrations, read from its sources: V7 creates read-model tables (holds,
     * erasure receipts, requests) beside db-scheduler's table, so it stays there, and the tests
     * migrate the very files production does (the same checksums on a shared database).
     */
    static Path serviceMigrations() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        for (Path base : new Path[] {module, module.resolve("projections")}) {
            Path migrations = base.resolve("../ledger-api/src/main/resources/db/migration").toAbsolutePath()
                    .normalize();
            if (Files.isDirectory(migrations)) {
                return migrations;
            }
        }
        throw new IllegalStateException("ledger-api's migrations not found from " + module.toAbsolutePath());
    }

    public void dropSchema(String someSchema) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + someSchema + " CASCADE");
        } catch (SQLException e) {
            // the database may already be gone at the end of the JVM
        }
    }

    private void dropSchema() {
        dropSchema(schema);
    }

    private static EmbeddedPostgres startEmbedded() {
        try {
            Path dataDir = Files.createTempDirectory("projections-pg-");
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            // stopping at the end of the JVM: nothing left to do
        }
    }
}
