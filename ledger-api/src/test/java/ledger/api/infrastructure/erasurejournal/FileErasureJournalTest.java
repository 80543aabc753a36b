package ledger.api.infrastructure.erasurejournal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.infrastructure.erasurejournal.FileErasureJournal.Line;
import ledger.api.infrastructure.erasurejournal.FileErasureJournal.State;
import ledger.core.erasure.ErasureGround;
import ledger.core.erasure.ErasureJournal.Entry;
import ledger.core.erasure.ErasureJournal.SubjectType;

class FileErasureJournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant ERASED_AT = Instant.parse("2026-03-01T11:59:59.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void the_directory_and_the_file_are_created_for_their_owner_only() throws Exception {
        Path dir = root.resolve("data").resolve("erasure-journal");
        FileErasureJournal journal = FileErasureJournal.open(dir, "node-1", CLOCK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(files(dir)).as("no file before the first erasure").isEmpty();

        journal.record(Entry.member(UUID.randomUUID(), ErasureGround.MEMBER_REQUEST, ERASED_AT));

        Path file = files(dir).get(0);
        assertThat(file.getFileName().toString()).startsWith("erasures-20260301T120000.000Z-node-1-").endsWith(".jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        journal.close();
    }

    @Test
    void an_existing_directory_that_others_may_read_is_restricted_to_its_owner() throws Exception {
        Path dir = Files.createDirectory(root.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileErasureJournal.open(dir, "n", CLOCK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void a_prepared_line_holds_ids_ground_and_times_only_and_is_read_back() throws Exception {
        FileErasureJournal journal = FileErasureJournal.open(root, "n", CLOCK);
        UUID subject = UUID.randomUUID();
        journal.record(Entry.contactCase(subject, ErasureGround.RETENTION_EXPIRED, ERASED_AT));

        JsonNode line = lines(files(root).get(0)).get(0);
        assertThat(line.get("v").asInt()).isEqualTo(1);
        assertThat(line.get("state").asText()).isEqualTo("prepared");
        assertThat(line.get("subjectType").asText()).isEqualTo("CONTACT_CASE");
        assertThat(line.get("subject").asText()).isEqualTo(subject.toString());
        assertThat(line.get("keyId").asText()).isEqualTo(subject.toString());
        assertThat(line.get("ground").asText()).isEqualTo("RETENTION_EXPIRED");
        assertThat(line.get("erasedAt").asText()).isEqualTo("2026-03-01T11:59:59.123Z");
        assertThat(line.get("at").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(line.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("v", "entry", "state", "subjectType", "subject", "keyId", "ground",
                        "erasedAt", "at");

        assertThat(journal.readAll()).containsExactly(new Line(UUID.fromString(line.get("entry").asText()),
                State.PREPARED, SubjectType.CONTACT_CASE, subject, "RETENTION_EXPIRED", ERASED_AT));
    }

    @Test
    void the_outcome_of_the_erasing_transaction_follows_its_prepared_line() throws Exception {
        FileErasureJournal journal = FileErasureJournal.open(root, "n", CLOCK);
        UUID committed = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();

        TransactionSynchronizationManager.initSynchronization();
        journal.record(Entry.member(committed, ErasureGround.MEMBER_REQUEST, ERASED_AT));
        List<TransactionSynchronization> first = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        assertThat(journal.readAll()).extracting(Line::state).as("nothing but the write-ahead line before the end")
                .containsExactly(State.PREPARED);
        first.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));

        TransactionSynchronizationManager.initSynchronization();
        journal.record(Entry.member(rolledBack, ErasureGround.MEMBER_REQUEST, ERASED_AT));
        List<TransactionSynchronization> second = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        second.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));

        List<Line> lines = journal.readAll();
        assertThat(lines).extracting(Line::state)
                .containsExactly(State.PREPARED, State.COMMITTED, State.PREPARED, State.ROLLED_BACK);
        assertThat(lines.get(1).entry()).isEqualTo(lines.get(0).entry());
        assertThat(lines.get(3).entry()).isEqualTo(lines.get(2).entry());
        JournaledErasures known = JournaledErasures.of(lines);
        assertThat(known.committed()).extracting(JournaledErasures.Subject::id).containsExactly(committed);
        assertThat(known.rolledBack()).isEqualTo(1);
        assertThat(known.unresolved()).isEmpty();
    }

    @Test
    void every_file_of_the_directory_is_read_so_nodes_can_share_it() throws Exception {
        FileErasureJournal a = FileErasureJournal.open(root, "node-a", CLOCK);
        FileErasureJournal b = FileErasureJournal.open(root, "node-b", CLOCK);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        a.record(Entry.member(first, ErasureGround.MEMBER_REQUEST, ERASED_AT));
        b.record(Entry.member(second, ErasureGround.MEMBER_REQUEST, ERASED_AT));
        assertThat(files(root)).hasSize(2);
        assertThat(FileErasureJournal.open(root, "node-c", CLOCK).readAll()).extracting(Line::subject)
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void a_torn_last_line_is_ignored() {
        UUID entry = UUID.randomUUID();
        String whole = prepared(entry) + "\n";
        String torn = whole + "{\"v\":1,\"entry\":\"" + UUID.randomUUID() + "\",\"sta";
        assertThat(FileErasureJournal.parse("f.jsonl", bytes(torn))).extracting(Line::entry).containsExactly(entry);
        String garbage = whole + "\u0000\u0000\u0000\n";
        assertThat(FileErasureJournal.parse("f.jsonl", bytes(garbage))).extracting(Line::entry).containsExactly(entry);
    }

    @Test
    void an_unreadable_line_before_the_last_refuses_the_start() {
        String content = prepared(UUID.randomUUID()) + "\n{\"v\":1,\"entry\":\"x\n" + prepared(UUID.randomUUID()) + "\n";
        assertThatThrownBy(() -> FileErasureJournal.parse("f.jsonl", bytes(content)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2");
        String unknownVersion = "{\"v\":2,\"entry\":\"" + UUID.randomUUID() + "\",\"state\":\"prepared\"}\n"
                + prepared(UUID.randomUUID()) + "\n";
        assertThatThrownBy(() -> FileErasureJournal.parse("f.jsonl", bytes(unknownVersion)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 1");
    }

    @Test
    void a_line_without_its_subject_is_unreadable() {
        String content = "{\"v\":1,\"entry\":\"" + UUID.randomUUID() + "\",\"state\":\"prepared\",\"subjectType\":"
                + "\"MEMBER\",\"ground\":\"MEMBER_REQUEST\",\"erasedAt\":\"2026-01-01T00:00:00Z\"}\n"
                + prepared(UUID.randomUUID()) + "\n";
        assertThatThrownBy(() -> FileErasureJournal.parse("f.jsonl", bytes(content)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String prepared(UUID entry) {
        return "{\"v\":1,\"entry\":\"" + entry + "\",\"state\":\"prepared\",\"subjectType\":\"MEMBER\",\"subject\":\""
                + UUID.randomUUID() + "\",\"ground\":\"MEMBER_REQUEST\",\"erasedAt\":\"2026-01-01T00:00:00Z\","
                + "\"at\":\"2026-01-01T00:00:00Z\"}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
