package ledger.api.infrastructure.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a file whole and durably: the content goes to a temporary file beside it, which is forced to
 * disk and renamed over the target atomically; then the directory is forced, so the rename survives a
 * crash too (where the platform lets a directory be opened). A crash leaves the old file or the new one.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Writes {@code content} (UTF-8) to {@code dir/name}, replacing what was there; the directory must exist. */
    public static void replace(Path dir, String name, String content) {
        Path target = dir.resolve(name);
        Path temporary = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // a leftover temporary file is harmless: its name is unique
            }
        }
    }

    /** Forces a directory's entries to disk; a platform that cannot open directories is left as it is. */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform opens directories; the file itself is on disk
        }
    }
}
