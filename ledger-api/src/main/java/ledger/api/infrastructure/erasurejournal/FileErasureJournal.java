package ledger.api.infrastructure.erasurejournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ledger.core.erasure.ErasureJournal;
import ledger.core.erasure.ErasureJournalUnavailable;

/**
 * The erasure journal as JSON lines in a directory outside the database, one line per append,
 * each forced to disk (fsync) before {@link #record} returns. An erasure writes a {@code prepared}
 * line inside its transaction (write-ahead) and, once the transaction completed, a
 * {@code committed} or {@code rolled-back} line for the same entry id. Lines hold ids, the ground
 * and times only.
 * <p>
 * Every process appends to a file of its own, created at its first erasure (owner-only
 * permissions from the start) and named by start time and node, so nodes may share the
 * directory without ever writing to one file together; a file whose append failed is left as it
 * is and the next append starts a new one. At start every {@code *.jsonl} file of the directory
 * is read: a torn last line (a crash in the middle of an append) is ignored, any other line that
 * cannot be read stops the start. See docs/crypto-shredding.md.
 */
public final class FileErasureJournal implements ErasureJournal {

    private static final Logger log = LoggerFactory.getLogger(FileErasureJournal.class);

    static final int VERSION = 1;
    static final String SUFFIX = ".jsonl";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a line says about its entry. */
    enum State {
        PREPARED("prepared"), COMMITTED("committed"), ROLLED_BACK("rolled-back");

        final String text;

        State(String text) {
            this.text = text;
        }

        static State of(String text) {
            for (State state : values()) {
                if (state.text.equals(text)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown state");
        }
    }

    /**
     * One line as read back. A {@code prepared} line names the erasure; an outcome line only the
     * entry it completes ({@code subjectType}, {@code subject}, {@code ground}, {@code erasedAt} null).
     */
    record Line(UUID entry, State state, SubjectType subjectType, UUID subject, String ground, Instant erasedAt) {
    }

    private final Path dir;
    private final String node;
    private final Clock clock;
    private FileChannel channel;
    private Path file;
    /** Whether the last write or probe failed: the journal is unusable until one succeeds again. */
    private volatile boolean failing;
    private final AtomicLong failures = new AtomicLong();

    private FileErasureJournal(Path dir, String node, Clock clock) {
        this.dir = dir;
        this.node = node.replaceAll("[^A-Za-z0-9._-]", "_");
        this.clock = clock;
    }

    /**
     * The journal in {@code dir}, created (owner only) when missing; an existing directory that
     * others may read is restricted to its owner. Fails when the directory cannot be used.
     */
    public static FileErasureJournal open(Path dir, String node, Clock clock) {
        Path directory = dir.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(directory)) {
                restrictToOwner(directory);
            } else {
                createOwnerOnlyDirectories(directory);
            }
            if (!Files.isWritable(directory)) {
                throw new IllegalStateException("the erasure journal directory is not writable: " + directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the erasure journal directory " + directory, e);
        }
        return new FileErasureJournal(directory, node, clock);
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void record(Entry entry) {
        UUID id = UUID.randomUUID();
        ObjectNode line = line(id, State.PREPARED);
        line.put("subjectType", entry.subjectType().name());
        line.put("subject", entry.subject().toString());
        // the subject's data key: the vault's row of that subject
        line.put("keyId", entry.subject().toString());
        line.put("ground", entry.ground().name());
        line.put("erasedAt", entry.erasedAt().toString());
        append(line);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new Outcome(id));
        }
        // without a transaction the entry stays prepared: the next start resolves it against the database
    }

    /** Records that a prepared entry's erasure was found in the database (at start). */
    void resolveCommitted(UUID entry) {
        ObjectNode line = line(entry, State.COMMITTED);
        line.put("source", "start");
        append(line);
    }

    private ObjectNode line(UUID entry, State state) {
        ObjectNode line = JSON.createObjectNode();
        line.put("v", VERSION);
        line.put("entry", entry.toString());
        line.put("state", state.text);
        line.put("at", clock.instant().toString());
        return line;
    }

    /** Writes the outcome of the erasing transaction once it is known. */
    private final class Outcome implements TransactionSynchronization {

        private final UUID entry;

        Outcome(UUID entry) {
            this.entry = entry;
        }

        @Override
        public void afterCompletion(int status) {
            State state = switch (status) {
                case STATUS_COMMITTED -> State.COMMITTED;
                case STATUS_ROLLED_BACK -> State.ROLLED_BACK;
                default -> null; // unknown: stays prepared, resolved at the next start
            };
            if (state == null) {
                return;
            }
            try {
                ObjectNode line = line(entry, state);
                line.put("source", "transaction");
                append(line);
            } catch (RuntimeException e) {
                // The erasure's outcome stands; the next start resolves the prepared entry against the database.
                log.error("Could not journal the outcome of an erasure ({}); the next start resolves it",
                        e.getClass().getName());
            }
        }
    }

    private synchronized void append(ObjectNode line) {
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            requireInPlace();
            FileChannel out = channel();
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
            recovered();
        } catch (IOException e) {
            // A partly written line may end this file; later appends go to a new one.
            closeQuietly();
            failed(e);
            throw new ErasureJournalUnavailable("cannot append to the erasure journal in " + dir, e);
        }
    }

    /**
     * The directory must still be the one at its path, and this process's file in it: a line
     * written through a file that was moved or deleted would not be found at the next start.
     */
    private void requireInPlace() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("the erasure journal directory is gone or not a directory");
        }
        if (channel != null && (file == null || !Files.isRegularFile(file))) {
            closeQuietly();
        }
    }

    /**
     * Whether the journal can be written now: creates and deletes a probe file in the directory
     * (a permission check alone says yes to root). Health checks call it, so a repaired directory
     * makes the node ready again.
     */
    public synchronized boolean probe() {
        try {
            requireInPlace();
            Path probe = Files.createTempFile(dir, ".probe-", ".tmp");
            Files.delete(probe);
            recovered();
            return true;
        } catch (IOException | SecurityException e) {
            failed(e);
            return false;
        }
    }

    /** Whether the last write or probe failed. */
    public boolean failing() {
        return failing;
    }

    /** How many writes and probes failed since start. */
    public long failures() {
        return failures.get();
    }

    private void failed(Exception e) {
        failures.incrementAndGet();
        if (!failing) {
            failing = true;
            // one line per outage; the path is configuration, the cause a type: no personal data
            log.error("The erasure journal in {} cannot be written ({}): erasures are refused (503) and this node is"
                    + " not ready until it can", dir, e.getClass().getName());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("The erasure journal in {} can be written again", dir);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            Path next = dir.resolve("erasures-" + FILE_TIME.format(clock.instant()) + "-" + node + "-"
                    + UUID.randomUUID().toString().substring(0, 8) + SUFFIX);
            Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileChannel opened;
            try {
                opened = FileChannel.open(next, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } catch (UnsupportedOperationException e) {
                log.warn("The file system of the erasure journal has no POSIX permissions; restrict access to it");
                opened = FileChannel.open(next, options);
            }
            channel = opened;
            file = next;
            forceDirectory();
        }
        return channel;
    }

    /** Makes a new file's directory entry durable. */
    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a directory; the file's own fsync still holds its content
            log.debug("Could not force the erasure journal directory ({})", e.getClass().getName());
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing the erasure journal file failed ({})", e.getClass().getName());
            }
            channel = null;
            file = null;
        }
    }

    /** Closes this process's file; a later append opens a new one. */
    public synchronized void close() {
        closeQuietly();
    }

    /** Every line of every journal file of the directory, file by file in name order. */
    List<Line> readAll() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the erasure journal directory " + dir, e);
        }
        List<Line> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                lines.addAll(parse(file.getFileName().toString(), Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the erasure journal file " + file, e);
            }
        }
        return lines;
    }

    /**
     * The lines of one file. The last line may be torn (cut off, or garbage, by a crash during an
     * append): it is ignored. Any earlier line that cannot be read is corruption: refused.
     */
    static List<Line> parse(String fileName, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> raw = new ArrayList<>(List.of(text.split("\n", -1)));
        // after the last newline: empty, or a line whose append did not complete
        String tail = raw.remove(raw.size() - 1);
        if (!tail.isEmpty()) {
            log.warn("Erasure journal {}: ignoring a torn last line ({} bytes)", fileName, tail.length());
        }
        int last = raw.size() - 1;
        while (last >= 0 && raw.get(last).isBlank()) {
            last--;
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (raw.get(i).isBlank()) {
                continue;
            }
            try {
                lines.add(parseLine(raw.get(i)));
            } catch (RuntimeException e) {
                if (i == last && tail.isEmpty()) {
                    log.warn("Erasure journal {}: ignoring an unreadable last line (line {})", fileName, i + 1);
                    continue;
                }
                throw new IllegalStateException("Erasure journal " + fileName + ": line " + (i + 1)
                        + " is not a journal entry (" + e.getClass().getSimpleName() + "); refusing to start:"
                        + " see docs/crypto-shredding.md, 'Backups, WAL and the erasure journal'");
            }
        }
        return lines;
    }

    private static Line parseLine(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject() || node.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " entry");
        }
        UUID entry = UUID.fromString(required(node, "entry"));
        State state = State.of(required(node, "state"));
        if (state != State.PREPARED) {
            return new Line(entry, state, null, null, null, null);
        }
        String ground = required(node, "ground");
        return new Line(entry, state, SubjectType.valueOf(required(node, "subjectType")),
                UUID.fromString(required(node, "subject")), ground, Instant.parse(required(node, "erasedAt")));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static void createOwnerOnlyDirectories(Path directory) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR);
        try {
            Files.createDirectories(directory, ownerOnly);
        } catch (UnsupportedOperationException e) {
            log.warn("The file system of the erasure journal has no POSIX permissions; restrict access to it");
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("the erasure journal path is not a directory: " + directory);
        }
    }

    private static void restrictToOwner(Path directory) {
        try {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
            if (!OWNER_ONLY_DIR.containsAll(current)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIR);
                log.warn("Restricted the erasure journal directory to its owner (it was {})",
                        PosixFilePermissions.toString(current).toLowerCase(Locale.ROOT));
            }
        } catch (UnsupportedOperationException | IOException e) {
            log.warn("Could not check the erasure journal directory's permissions ({})", e.getClass().getName());
        }
    }
}
