package ledger.api.infrastructure.log;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;

import ledger.api.application.ledger.LogVerification;
import ledger.core.log.NoteVerifier;

/**
 * {@code java -jar ledger.jar verify --checkpoints DIR --public-key FILE}: the auditor's offline
 * verifier. Plain JDBC, no Spring (it starts in well under a second); the database comes from
 * {@code SPRING_DATASOURCE_URL} (and {@code _USERNAME}, {@code _PASSWORD}), read in a read-only
 * transaction. It trusts the public key and the signed checkpoint files only (see {@link LogVerifier}).
 * Prints {@code OK <tree size> <base64 root>} or the first bad leaf; exit status 0 intact, 1 altered,
 * 2 cannot run.
 */
public final class VerifyCommand {

    public static final int INTACT = 0;
    public static final int ALTERED = 1;
    public static final int CANNOT_RUN = 2;

    private static final String USAGE = "usage: java -jar ledger.jar verify --checkpoints DIR --public-key FILE"
            + " [--grace PT10S] [--fetch-size 10000]\n       java -jar ledger.jar verify --certificate FILE --public-key"
            + " FILE [--witness-key FILE]...\n  database: SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME,"
            + " SPRING_DATASOURCE_PASSWORD";

    private VerifyCommand() {
    }

    private record Options(Path checkpoints, Path publicKey, Duration grace, int fetchSize) {
    }

    /** Runs the verification; answers the exit status instead of exiting (tests run it in-process). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--certificate")) {
            // a member's lifecycle certificate: offline, no database
            return CertificateVerifier.run(args, out, err);
        }
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("verify: " + e.getMessage());
            err.println(USAGE);
            return CANNOT_RUN;
        }
        String url = env.get("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            err.println("verify: SPRING_DATASOURCE_URL is not set (the JDBC URL of the ledger's database)");
            return CANNOT_RUN;
        }
        NoteVerifier key;
        LogVerifier.NoteSource notes;
        try {
            key = NoteVerifier.parse(Files.readString(options.publicKey(), StandardCharsets.UTF_8).strip());
            if (!Files.isDirectory(options.checkpoints())) {
                throw new IOException("not a directory: " + options.checkpoints());
            }
            if (CheckpointFiles.list(options.checkpoints()).isEmpty()) {
                err.println("verify: no checkpoint files (<tree size>.note) in " + options.checkpoints()
                        + ": nothing signed to verify against");
                return CANNOT_RUN;
            }
            // listed before the database snapshot is taken (see LogVerifier.fileNotes)
            notes = LogVerifier.fileNotes(options.checkpoints());
        } catch (IOException | UncheckedIOException e) {
            err.println("verify: cannot read " + e.getMessage());
            return CANNOT_RUN;
        } catch (IllegalArgumentException e) {
            err.println("verify: the public key file does not hold a note verifier key: " + e.getMessage());
            return CANNOT_RUN;
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", env.getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"));
        credentials.setProperty("password", env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        credentials.setProperty("ApplicationName", "ledger-verify");
        LogVerifier verifier = new LogVerifier(key, options.fetchSize(), options.grace(), () -> { },
                Clock.systemUTC());
        long started = System.nanoTime();
        LogVerifier.Outcome outcome;
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            outcome = verifier.verify(connection, notes);
        } catch (SQLException e) {
            err.println("verify: the database cannot be read (" + e.getClass().getSimpleName() + ", SQLState "
                    + e.getSQLState() + ")");
            return CANNOT_RUN;
        } catch (UncheckedIOException e) {
            err.println("verify: cannot read " + e.getMessage());
            return CANNOT_RUN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("verify: interrupted");
            return CANNOT_RUN;
        }
        long millis = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toMillis());
        err.println("verify: " + outcome.treeSize() + " leaves and " + outcome.checkpoints() + " checkpoints in "
                + millis + " ms (" + outcome.treeSize() * 1000 / millis + " events/s)");
        if (outcome.intact()) {
            out.println("OK " + outcome.treeSize() + " " + outcome.rootBase64());
            return INTACT;
        }
        LogVerification.Bad bad = outcome.firstBad();
        out.println("FAILED index=" + orDash(bad.index()) + " eventId=" + orDash(bad.eventId()) + " globalIndex="
                + orDash(bad.globalIndex()) + " reason=" + bad.reason());
        return ALTERED;
    }

    private static Options parse(String[] args) {
        Path checkpoints = null;
        Path publicKey = null;
        Duration grace = Duration.ofSeconds(10);
        int fetchSize = 10_000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("a value is missing after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--checkpoints" -> checkpoints = Path.of(value);
                case "--public-key" -> publicKey = Path.of(value);
                case "--grace" -> grace = duration(value);
                case "--fetch-size" -> fetchSize = positive(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (checkpoints == null || publicKey == null) {
            throw new IllegalArgumentException("--checkpoints and --public-key are required");
        }
        return new Options(checkpoints, publicKey, grace, fetchSize);
    }

    private static Duration duration(String value) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("--grace must not be negative");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--grace takes an ISO-8601 duration, e.g. PT10S");
        }
    }

    private static int positive(String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fetch-size takes a positive number");
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
