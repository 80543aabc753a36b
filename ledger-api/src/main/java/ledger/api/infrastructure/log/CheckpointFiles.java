package ledger.api.infrastructure.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ledger.api.infrastructure.files.DurableFiles;

/**
 * Signed checkpoints as files outside the database, one per checkpoint: {@code <tree size, 20 digits>.note}
 * holding the signed note exactly. Written to a temporary file, forced to disk and moved into place
 * atomically, never replaced: a file that exists with other content is left alone (and reported).
 */
public final class CheckpointFiles {

    private static final Pattern NAME = Pattern.compile("[0-9]{20}\\.note");
    /**
     * The largest checkpoint any node wrote here, as its note: what the service checks its database
     * against before it signs (never two roots for one size). Only ever replaced by a larger one.
     */
    static final String HIGHEST = "highest-signed.note";

    private final Path dir;

    public CheckpointFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path dir() {
        return dir;
    }

    public static String fileName(long treeSize) {
        return String.format("%020d.note", treeSize);
    }

    /** The tree size a file's name claims, or -1 for a name that is not a checkpoint's. */
    public static long sizeInName(Path file) {
        String name = file.getFileName().toString();
        return NAME.matcher(name).matches() ? Long.parseLong(name.substring(0, 20)) : -1;
    }

    public boolean exists(long treeSize) {
        return Files.exists(dir.resolve(fileName(treeSize)));
    }

    /** Writes the note unless its file exists; answers false when an existing file holds something else. */
    public boolean write(long treeSize, String note) {
        Path target = dir.resolve(fileName(treeSize));
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        try {
            createDirectory();
            if (Files.exists(target)) {
                return Files.readString(target, StandardCharsets.UTF_8).equals(note);
            }
            Path temporary = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                // no REPLACE_EXISTING: another node that shares the directory may have written it meanwhile
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return Files.readString(target, StandardCharsets.UTF_8).equals(note);
            } finally {
                Files.deleteIfExists(temporary);
            }
            forceDirectory();
            raiseHighest(treeSize, note);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint file " + target, e);
        }
    }

    /** {@code <tree size, 20 digits>.cosigned.note}: the checkpoint with the witnesses' cosignatures. */
    public static String cosignedFileName(long treeSize) {
        return String.format("%020d.cosigned.note", treeSize);
    }

    /**
     * Writes (or replaces, atomically: a later round may gather more cosignatures) the cosigned note of a
     * checkpoint. The signed checkpoint's own file stays as it was.
     */
    public void writeCosigned(long treeSize, String cosignedNote) {
        try {
            createDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + dir, e);
        }
        DurableFiles.replace(dir, cosignedFileName(treeSize), cosignedNote);
    }

    /** The cosigned note of checkpoint {@code treeSize}, when its file exists. */
    public Optional<String> readCosigned(long treeSize) {
        Path file = dir.resolve(cosignedFileName(treeSize));
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cosigned checkpoint file " + file, e);
        }
    }

    /** The note of the largest checkpoint written here (by the pointer file, or by name when it is missing). */
    public Optional<String> highest() {
        try {
            Path pointer = dir.resolve(HIGHEST);
            String fromPointer = Files.exists(pointer) ? Files.readString(pointer, StandardCharsets.UTF_8) : null;
            if (fromPointer != null) {
                return Optional.of(fromPointer);
            }
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            List<Path> files = list(dir);
            return files.isEmpty() ? Optional.empty()
                    : Optional.of(Files.readString(files.get(files.size() - 1), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint directory " + dir, e);
        }
    }

    /** The note of checkpoint {@code treeSize}, when its file exists. */
    public Optional<String> read(long treeSize) {
        Path file = dir.resolve(fileName(treeSize));
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
        }
    }

    /**
     * Replaces the pointer when {@code treeSize} is larger than the one it names. Two nodes racing may
     * leave the smaller of two new sizes: still a size that was signed, so the check stays sound.
     */
    private synchronized void raiseHighest(long treeSize, String note) throws IOException {
        Path pointer = dir.resolve(HIGHEST);
        if (Files.exists(pointer) && sizeOfNote(Files.readString(pointer, StandardCharsets.UTF_8)) >= treeSize) {
            return;
        }
        Path temporary = dir.resolve("." + HIGHEST + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, note, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temporary, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory();
    }

    /** The tree size on a note's second line; -1 when it has none. */
    static long sizeOfNote(String note) {
        String[] lines = note.split("\n", 3);
        try {
            return lines.length >= 2 ? Long.parseLong(lines[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every checkpoint file of the directory, by name (that is, by the tree size the name claims). */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().forEach(files::add);
        }
        return files;
    }

    /** Creates the directory (owner-only) when it is missing. */
    void createDirectoryIfMissing() {
        try {
            createDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + dir, e);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** The rename itself survives a crash only once the directory is on disk (where the platform allows it). */
    private void forceDirectory() {
        DurableFiles.forceDirectory(dir);
    }
}
