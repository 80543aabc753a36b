package ledger.api.infrastructure.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import ledger.api.infrastructure.files.DurableFiles;
import ledger.core.log.Witness;

/**
 * The witness's record per log: {@code <state dir>/<sha256 hex of the origin>.checkpoint}, the latest
 * cosigned checkpoint with the log's signature and the witness's. Replaced atomically (a temporary
 * file forced to disk, renamed, the directory forced): a crash leaves the old record or the new one.
 */
final class WitnessFiles implements Witness.Store {

    private final Path dir;

    WitnessFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
        try {
            if (!Files.isDirectory(this.dir)) {
                if (this.dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(this.dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(this.dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the witness's state directory " + this.dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    /** The lowercase hex SHA-256 of the origin, as tlog-witness's monitoring path names a log. */
    static String originHash(String origin) {
        return Witness.originHash(origin);
    }

    @Override
    public Optional<String> latest(String origin) {
        Path file = dir.resolve(originHash(origin) + ".checkpoint");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the witness's record " + file, e);
        }
    }

    @Override
    public void save(String origin, String cosignedNote) {
        write(originHash(origin) + ".checkpoint", cosignedNote);
    }

    /** Writes a file of the state directory atomically and durably. */
    void write(String name, String content) {
        DurableFiles.replace(dir, name, content);
    }
}
