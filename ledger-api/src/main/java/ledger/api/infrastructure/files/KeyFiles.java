package ledger.api.infrastructure.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold key material: readable by their owner only. A new one is written to a temporary
 * file created 0600 (never briefly wider) in a directory created 0700, then moved into place
 * atomically; an existing one that the group or the world may read is refused.
 */
public final class KeyFiles {

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {
    }

    public static String read(Path file) {
        try {
            if (posix(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
                    throw new IllegalStateException("Refusing to start: the key file " + file.toAbsolutePath()
                            + " is accessible to others (" + PosixFilePermissions.toString(permissions)
                            + "); chmod 600 it (and consider the key exposed)");
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file", e);
        }
    }

    public static void create(Path file, String content) {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        try {
            boolean posix = posix(parent.getRoot());
            if (!Files.isDirectory(parent)) {
                if (posix) {
                    Files.createDirectories(parent, attributes("rwx------"));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Path temporary = parent.resolve("." + target.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (posix) {
                Files.createFile(temporary, attributes("rw-------"));
            } else {
                Files.createFile(temporary);
            }
            try {
                Files.writeString(temporary, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.SYNC);
                // ATOMIC_MOVE without REPLACE_EXISTING: a key that appeared meanwhile is never replaced (POSIX
                // rename would replace it, hence the check above; two generators race only on a local default).
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file", e);
        }
    }

    private static boolean posix(Path anywhere) {
        return anywhere.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attributes(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
