package ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Integration tests run the whole service on a random port against real PostgreSQL: the system
 * one when {@code LEDGER_TEST_DB_URL} is set (as CI does), otherwise the embedded default in a
 * temporary directory. Every test uses fresh ids, so tests share one database and one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({FaultInjection.class, FaultInjection.InMemberHistory.class})
public abstract class IntegrationTest {

    private static final Path EMBEDDED_DATA = temporaryDirectory();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** A fixed master key for tests (base64 of 32 bytes); never a production value. */
    public static final String TEST_MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZC11c2U=";

    /** A fixed checkpoint signing key for tests (base64 of a 32-byte Ed25519 seed); never a production value. */
    public static final String TEST_SIGNING_KEY = "dGVzdC1sZWRnZXItc2lnbmluZy1rZXktbm90LXByb2Q=";

    /** A shared HMAC secret for test JWTs, and the issuer they must name. */
    public static final String TEST_JWT_SECRET = "test-jwt-secret-of-at-least-thirty-two-bytes";
    public static final String TEST_JWT_ISSUER = "https://issuer.test";

    /** The HMAC keys of the two configured recipients' Art. 19 notifications (test values only). */
    public static final String IT_PROVIDER_SECRET = "test-notify-secret-it-provider-0123456789";
    public static final String NEWSLETTER_SECRET = "test-notify-secret-newsletter-0123456789";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // the recipients of application.yml, each told of changes (Art. 19) at the local receiver
        NotificationReceiver receiver = NotificationReceiver.get();
        String recipient = "ledger.register.recipients[0].";
        registry.add(recipient + "name", () -> "IT service provider (personal data assistant)");
        registry.add(recipient + "role", () -> "processor");
        registry.add(recipient + "purposes", () -> "portal-membership,newsletter");
        registry.add(recipient + "location", () -> "EU/EEA");
        registry.add(recipient + "inside-eu-eea", () -> "true");
        registry.add(recipient + "notify-url", () -> receiver.url("/it-provider"));
        // the portal's stand-in for inactivity warnings (InactivityIT)
        registry.add(recipient + "inactivity-warnings", () -> "true");
        registry.add(recipient + "notify-secret", () -> IT_PROVIDER_SECRET);
        recipient = "ledger.register.recipients[1].";
        registry.add(recipient + "name", () -> "Newsletter service (personal data assistant)");
        registry.add(recipient + "role", () -> "processor");
        registry.add(recipient + "purposes", () -> "newsletter");
        registry.add(recipient + "location", () -> "EU/EEA");
        registry.add(recipient + "inside-eu-eea", () -> "true");
        registry.add(recipient + "notify-url", () -> receiver.url("/newsletter"));
        registry.add(recipient + "notify-secret", () -> NEWSLETTER_SECRET);
        registry.add("ledger.notifications.poll-interval", () -> "PT0.1S");
        registry.add("ledger.notifications.initial-backoff", () -> "PT0.3S");
        registry.add("ledger.notifications.max-attempts", () -> "4");
        registry.add("ledger.master-key", () -> TEST_MASTER_KEY);
        // erasure tests follow each other within seconds: each is vacuumed as if alone (ErasureVacuumIT tests
        // the batching)
        registry.add("ledger.erasure.vacuum-interval", () -> "PT0.5S");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
        // snapshots early, so that every test also exercises snapshot encryption
        registry.add("ledger.snapshot-threshold", () -> "5");
        registry.add("ledger.security.jwt.secret", () -> TEST_JWT_SECRET);
        registry.add("ledger.security.jwt.issuer", () -> TEST_JWT_ISSUER);
        registry.add("ledger.erasure-journal.dir", () -> erasureJournalDir().toString());
        // a test database may outlive this JVM's directories (LEDGER_TEST_DB_URL): the shared context makes
        // its own the fleet's; every further node of the shared database is given them (fleetDirectories())
        registry.add("ledger.fleet.adopt-directories", () -> "true");
        registry.add("ledger.log.signing-key", () -> TEST_SIGNING_KEY);
        registry.add("ledger.log.checkpoint-dir", () -> checkpointDir().toString());
        // checkpoints come quicker than in production, so tests that need one covering new leaves wait less
        registry.add("ledger.log.checkpoint-interval", () -> "PT2S");
        // every test signs in from 127.0.0.1: the sign-in throttle is tested in a context of its own
        // (SignInThrottleIT) with the production default
        registry.add("ledger.console.sign-in-failures-per-minute", () -> "100000");
        // the console also signs in through OpenID Connect: a stub issuer on 127.0.0.1, another site
        // than the console's localhost (ConsoleOidcIT); the issuer is read when the context starts
        StubIssuer issuer = StubIssuer.get();
        registry.add("ledger.console.oidc.issuer-uri", issuer::issuer);
        registry.add("ledger.console.oidc.client-id", () -> StubIssuer.CLIENT_ID);
        registry.add("ledger.console.oidc.client-secret", () -> StubIssuer.CLIENT_SECRET);
        String url = System.getenv("LEDGER_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username",
                    () -> System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"));
            registry.add("spring.datasource.password",
                    () -> System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""));
        } else {
            registry.add("ledger.embedded-postgres.data-dir", () -> EMBEDDED_DATA.resolve("pg").toString());
        }
    }

    /** Where this JVM's shared test context keeps its erasure journal. */
    protected static Path erasureJournalDir() {
        return EMBEDDED_DATA.resolve("erasure-journal");
    }

    /** The arguments that give another node of the shared database the fleet's directories. */
    protected static String[] fleetDirectories() {
        return new String[] {"--ledger.erasure-journal.dir=" + erasureJournalDir(),
                "--ledger.log.checkpoint-dir=" + checkpointDir()};
    }

    /** Where this JVM's shared test context writes its checkpoint files. */
    protected static Path checkpointDir() {
        return EMBEDDED_DATA.resolve("checkpoints");
    }

    /** Waits until every read model has processed every stored event. */
    protected void awaitReadModelsCaughtUp(ledger.api.application.operations.ProjectionReplay replay) {
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> replay.statuses().stream().allMatch(s -> s.caughtUp() && s.position() >= s.head()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("read models did not catch up: " + replay.statuses(), e);
        }
    }

    protected Api api() {
        return new Api(port);
    }

    /** The stored events of one aggregate, as payload type simple names in sequence order. */
    protected java.util.List<String> storedEventTypes(Object aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number", String.class, aggregateId.toString())
                .stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    protected long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ledger-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
