package ledger.api.infrastructure.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The erasure journal and the checkpoint files only keep their promises when every node of a fleet
 * writes to the same directory: with one journal per node, a restored backup started on the other
 * node served an erased member again; with one checkpoint directory per node, the log's key signed
 * two roots for one size. Each directory carries a marker file with a random id, and the database
 * records the fleet's: a node whose directory has another id (or none, while the fleet has one)
 * refuses to start and says how to fix it. {@code ledger.fleet.adopt-directories} makes this node's
 * directories the fleet's, for the one case where the fleet's are lost for good.
 */
public final class FleetDirectories {

    private static final Logger log = LoggerFactory.getLogger(FleetDirectories.class);

    /** The marker file in each shared directory. */
    public static final String MARKER = ".ledger-directory-id";

    private final JdbcTemplate jdbc;
    private final boolean adopt;

    public FleetDirectories(JdbcTemplate jdbc, boolean adopt) {
        this.jdbc = jdbc;
        this.adopt = adopt;
    }

    /**
     * Refuses ({@link IllegalStateException}) a directory that is not the fleet's {@code kind}
     * directory; registers it when the fleet has none yet.
     *
     * @param setting the environment variable that names the directory, for the message
     */
    public void require(String kind, String description, Path directory, String setting) {
        UUID mine = markerOf(directory);
        jdbc.update("INSERT INTO ledger_directory (kind, directory_id) VALUES (?, ?) ON CONFLICT (kind) DO NOTHING",
                kind, mine);
        UUID fleet = jdbc.queryForObject("SELECT directory_id FROM ledger_directory WHERE kind = ?", UUID.class, kind);
        if (mine.equals(fleet)) {
            return;
        }
        if (adopt) {
            jdbc.update("UPDATE ledger_directory SET directory_id = ?, registered_at = now() WHERE kind = ?", mine, kind);
            log.warn("The {} {} (id {}) is now the fleet's, replacing {} (ledger.fleet.adopt-directories): every other"
                    + " node must mount this directory", description, directory, mine, fleet);
            return;
        }
        throw new IllegalStateException("Refusing to start: the " + description + " " + directory + " is not the"
                + " fleet's (its " + MARKER + " says " + mine + ", the database records " + fleet + "). Every node must"
                + " use the same shared directory: mount the fleet's and point " + setting + " at it. Only if the"
                + " fleet's directory is lost for good, start one node with LEDGER_FLEET_ADOPT_DIRECTORIES=true to"
                + " make this one the fleet's (docs/reliability.md, \"One journal, one history\")");
    }

    /** The directory's id, written (created owner-only where it is missing) on its first use. */
    static UUID markerOf(Path directory) {
        Path marker = directory.resolve(MARKER);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(marker)) {
                try {
                    Files.writeString(marker, UUID.randomUUID() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                } catch (FileAlreadyExistsException e) {
                    // another node sharing the directory wrote it first: its id is the directory's
                }
            }
            return UUID.fromString(Files.readString(marker, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + marker, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start: " + marker + " does not hold a directory id", e);
        }
    }
}
