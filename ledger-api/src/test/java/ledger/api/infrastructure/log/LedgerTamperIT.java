package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.infrastructure.log.CheckpointFiles;
import ledger.api.infrastructure.log.VerifyCommand;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;
import ledger.core.log.StoredSubtrees;

/**
 * Tampering, each kind found by the offline verifier (the same class the service's scheduled
 * verification runs) and named by its event. Every test tampers with a copy: the log, the rows it
 * covers and the checkpoint files the service exported, copied in one snapshot into a schema and a
 * directory of their own, so the shared database is never touched. The untampered copy verifies OK
 * first (the verifier can tell the two apart), then one change makes it exit 1.
 */
class LedgerTamperIT extends IntegrationTest {

    @Autowired
    TransparencyLog ledgerLog;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @TempDir
    Path temp;

    private String schema;
    private Path checkpoints;
    private Path publicKey;
    private UUID member;
    /** The member's events, in sequence order: registration (and consent), then a download. */
    private List<String> events;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void copyTheLog() throws IOException {
        // at least one stored subtree (16 leaves and more) for the subtree test, also on a new database
        while (jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class) < 40) {
            api().register(Api.uniqueUsername());
        }
        member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"tamper\"}").status())
                .isEqualTo(201);
        events = jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, member.toString());
        long covered = 0;
        for (String event : events) {
            covered = Math.max(covered, ledgerLog.awaitLeaf(event, Duration.ofSeconds(10)).orElseThrow().index() + 1);
        }
        // a checkpoint (and its file) that covers the member's events
        long signed = ledgerLog.checkpointCovering(covered).treeSize();

        schema = "tamper_" + UUID.randomUUID().toString().replace("-", "");
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        long copied = snapshot.execute(tx -> {
            jdbc.execute("CREATE SCHEMA " + schema);
            jdbc.execute("CREATE TABLE " + schema + ".ledger_log_leaf AS SELECT * FROM public.ledger_log_leaf");
            jdbc.execute("CREATE TABLE " + schema + ".ledger_log_node AS SELECT * FROM public.ledger_log_node");
            jdbc.execute("CREATE TABLE " + schema + ".ledger_log_checkpoint AS SELECT * FROM public.ledger_log_checkpoint");
            // the rows the log covers; newer ones are the live sequencer's business
            jdbc.execute("CREATE TABLE " + schema + ".domain_event_entry AS SELECT e.* FROM public.domain_event_entry e"
                    + " WHERE EXISTS (SELECT 1 FROM public.ledger_log_leaf l WHERE l.global_index = e.global_index)");
            Long size = jdbc.queryForObject("SELECT count(*) FROM " + schema + ".ledger_log_leaf", Long.class);
            return size == null ? 0 : size;
        });
        jdbc.execute("ALTER TABLE " + schema + ".ledger_log_leaf ADD PRIMARY KEY (leaf_index)");
        jdbc.execute("CREATE UNIQUE INDEX ON " + schema + ".ledger_log_leaf (global_index)");
        jdbc.execute("ALTER TABLE " + schema + ".ledger_log_node ADD PRIMARY KEY (level, node_index)");
        jdbc.execute("ALTER TABLE " + schema + ".domain_event_entry ADD PRIMARY KEY (global_index)");
        assertThat(copied).isGreaterThanOrEqualTo(signed);

        checkpoints = Files.createDirectory(temp.resolve("checkpoints"));
        for (Path file : CheckpointFiles.list(checkpointDir())) {
            if (CheckpointFiles.sizeInName(file) <= copied) {
                Files.copy(file, checkpoints.resolve(file.getFileName()));
            }
        }
        assertThat(checkpoints.resolve(CheckpointFiles.fileName(signed))).exists();
        publicKey = Files.writeString(temp.resolve("ledger.pub"), ledgerLog.verifierKey() + "\n");

        Run intact = verify();
        assertThat(intact.exit()).as(intact.out() + intact.err()).isEqualTo(VerifyCommand.INTACT);
        assertThat(intact.out()).startsWith("OK " + copied + " ");
    }

    @AfterEach
    void dropTheCopy() {
        if (schema != null) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private Run verify() {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        String url = hikari.getJdbcUrl() + (hikari.getJdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", hikari.getUsername() == null ? "postgres" : hikari.getUsername(),
                "SPRING_DATASOURCE_PASSWORD", hikari.getPassword() == null ? "" : hikari.getPassword());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // no sequencer runs on the copy: a row without a leaf is reported at once
        int exit = VerifyCommand.run(new String[] {"--checkpoints", checkpoints.toString(), "--public-key",
                publicKey.toString(), "--grace", "PT0S"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String events() {
        return schema + ".domain_event_entry";
    }

    private long leafIndex(String event) {
        return ledgerLog.leaf(event).orElseThrow().index();
    }

    private long globalIndex(String event) {
        return ledgerLog.leaf(event).orElseThrow().globalIndex();
    }

    /** Exit 1, and the first bad leaf is this event's. */
    private void assertFound(String event, String reason) {
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=" + leafIndex(event) + " eventId=" + event + " globalIndex="
                + globalIndex(event) + " reason=").contains(reason);
    }

    private String download() {
        return events.get(events.size() - 1);
    }

    @Test
    void a_changed_payload_is_found() {
        jdbc.update("UPDATE " + events() + " SET payload = payload || '\\x20'::bytea WHERE event_identifier = ?",
                download());
        assertFound(download(), "changed after it was sequenced");
    }

    @Test
    void changed_metadata_is_found() {
        jdbc.update("UPDATE " + events() + " SET meta_data = convert_to('{}', 'UTF8') WHERE event_identifier = ?",
                download());
        assertFound(download(), "changed after it was sequenced");
    }

    @Test
    void a_changed_time_stamp_is_found() {
        jdbc.update("UPDATE " + events() + " SET time_stamp = '2019-01-05T00:00:00Z' WHERE event_identifier = ?",
                download());
        assertFound(download(), "changed after it was sequenced");
    }

    @Test
    void a_changed_aggregate_type_is_found() {
        jdbc.update("UPDATE " + events() + " SET type = 'Forged' WHERE event_identifier = ?", download());
        assertFound(download(), "changed after it was sequenced");
    }

    @Test
    void a_changed_payload_type_is_found() {
        jdbc.update("UPDATE " + events() + " SET payload_type = 'ledger.core.member.ConsentWithdrawn'"
                + " WHERE event_identifier = ?", download());
        assertFound(download(), "changed after it was sequenced");
    }

    @Test
    void a_deleted_event_is_found() {
        jdbc.update("DELETE FROM " + events() + " WHERE event_identifier = ?", download());
        assertFound(download(), "missing (deleted)");
    }

    @Test
    void swapped_sequence_numbers_are_found_at_the_first_of_the_two() {
        String first = events.get(0);
        String last = download();
        jdbc.update("UPDATE " + events() + " SET sequence_number = CASE event_identifier WHEN ? THEN"
                + " (SELECT sequence_number FROM " + events() + " WHERE event_identifier = ?) ELSE"
                + " (SELECT sequence_number FROM " + events() + " WHERE event_identifier = ?) END"
                + " WHERE event_identifier IN (?, ?)", first, last, first, first, last);
        assertFound(leafIndex(first) < leafIndex(last) ? first : last, "changed after it was sequenced");
    }

    /**
     * A row inserted behind the log's back (a fresh event id and global index) has no leaf: nothing
     * sequences the copy, as nothing would sequence a restored dump or a database whose sequencer an
     * intruder stopped. Against the live service the sequencer would append it as a new leaf after
     * every checkpoint signed before: the log cannot tell a forged insertion from a real command, but
     * it can never place one in the signed past.
     */
    @Test
    void an_inserted_event_without_a_leaf_is_found() {
        String forged = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO " + events() + " (global_index, event_identifier, meta_data, payload, payload_revision,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                + " SELECT (SELECT max(global_index) + 1 FROM " + events() + "), ?, meta_data, payload, payload_revision,"
                + " payload_type, time_stamp, aggregate_identifier, sequence_number + 100, type FROM " + events()
                + " WHERE event_identifier = ?", forged, download());
        Long forgedIndex = jdbc.queryForObject("SELECT global_index FROM " + events() + " WHERE event_identifier = ?",
                Long.class, forged);
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=- eventId=" + forged + " globalIndex=" + forgedIndex + " reason=")
                .contains("without a leaf");
    }

    /** The last leaves and their rows gone, the stored checkpoints too: the exported files still sign them. */
    @Test
    void a_truncated_tail_is_found_against_the_checkpoint_files() throws IOException {
        long signed = CheckpointFiles.list(checkpoints).stream().mapToLong(CheckpointFiles::sizeInName).max()
                .orElseThrow();
        long keep = signed - 2;
        jdbc.update("DELETE FROM " + events() + " e USING " + schema + ".ledger_log_leaf l"
                + " WHERE l.global_index = e.global_index AND l.leaf_index >= ?", keep);
        jdbc.update("DELETE FROM " + schema + ".ledger_log_leaf WHERE leaf_index >= ?", keep);
        jdbc.update("DELETE FROM " + schema + ".ledger_log_checkpoint WHERE tree_size > ?", keep);
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=" + keep + " eventId=- globalIndex=- reason=")
                .contains("truncated");
    }

    @Test
    void the_tail_s_rows_deleted_are_found_naming_the_first_of_them() {
        jdbc.update("DELETE FROM " + events() + " WHERE global_index IN (SELECT global_index FROM " + schema
                + ".ledger_log_leaf WHERE leaf_index >= ?)", leafIndex(download()));
        assertFound(download(), "missing (deleted)");
    }

    @Test
    void a_checkpoint_file_re_signed_with_another_key_is_found() throws IOException {
        Path file = newestCheckpointFile();
        String body = NoteVerifier.parse(ledgerLog.verifierKey()).verify(Files.readString(file));
        NoteSigner impostor = new NoteSigner("ledger.example/compliance-ledger", NoteSigner.generateSeed());
        Files.writeString(file, impostor.sign(body));
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=- eventId=- globalIndex=- reason=" + file.getFileName())
                .contains("signature");
    }

    @Test
    void a_checkpoint_file_replaced_by_an_older_one_is_found() throws IOException {
        List<Path> files = CheckpointFiles.list(checkpoints);
        assertThat(files).hasSizeGreaterThan(1);
        Path newest = files.get(files.size() - 1);
        Files.copy(files.get(0), newest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=- eventId=- globalIndex=- reason=" + newest.getFileName())
                .contains("named for tree size");
    }

    @Test
    void a_changed_stored_subtree_hash_that_proofs_are_served_from_is_found() throws IOException {
        long size = CheckpointFiles.sizeInName(newestCheckpointFile());
        // the largest perfect subtree from leaf 0 inside the newest checkpoint: the first its root reads
        int level = 63 - Long.numberOfLeadingZeros(size);
        assertThat(level).isGreaterThanOrEqualTo(StoredSubtrees.LOWEST_STORED_LEVEL);
        assertThat(jdbc.update("UPDATE " + schema + ".ledger_log_node SET hash = sha256(hash)"
                + " WHERE level = ? AND node_index = 0", level)).isEqualTo(1);
        Run run = verify();
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("FAILED index=- eventId=- globalIndex=- reason=")
                .contains("stored subtree hashes");
    }

    // --- a verification that goes on from an earlier one (the service's scope=new, its scheduled runs)

    @Test
    void a_verification_since_the_last_recomputes_the_new_leaves_and_finds_a_changed_one() throws Exception {
        long copied = leaves();
        long verifiedSize = leafIndex(events.get(0));
        LogVerifier.Verified earlier = verifiedWithTheTailHidden(verifiedSize);
        assertThat(earlier.treeSize()).isEqualTo(verifiedSize);

        LogVerifier.Outcome since = verifyOnCopy(earlier);
        assertThat(since.firstBad()).isNull();
        assertThat(since.from()).isEqualTo(verifiedSize);
        assertThat(since.treeSize()).isEqualTo(copied);
        assertThat(since.checkpoints()).as("the earlier pass's checkpoints and the new ones")
                .isEqualTo(verifyOnCopy(null).checkpoints());

        jdbc.update("UPDATE " + events() + " SET payload = payload || '\\x20'::bytea WHERE event_identifier = ?",
                download());
        LogVerifier.Outcome changed = verifyOnCopy(earlier);
        assertThat(changed.firstBad()).isNotNull();
        assertThat(changed.firstBad().index()).isEqualTo(leafIndex(download()));
        assertThat(changed.firstBad().reason()).contains("changed after it was sequenced");
        assertThat(changed.verified()).as("nothing to go on from after a finding").isNull();
    }

    @Test
    void a_verification_since_the_last_does_not_read_the_rows_below_it_again_a_full_one_does() throws Exception {
        LogVerifier.Outcome full = verifyOnCopy(null);
        assertThat(full.firstBad()).isNull();
        jdbc.update("UPDATE " + events() + " SET payload = payload || '\\x20'::bytea WHERE event_identifier = ?",
                download());

        LogVerifier.Outcome since = verifyOnCopy(full.verified());
        assertThat(since.firstBad()).as("what this scope promises: only what is new is recomputed").isNull();
        assertThat(since.from()).isEqualTo(full.treeSize());
        LogVerifier.Outcome again = verifyOnCopy(null);
        assertThat(again.firstBad()).isNotNull();
        assertThat(again.firstBad().eventId()).isEqualTo(download());
    }

    @Test
    void a_stored_tree_changed_below_the_verified_size_is_found_by_a_verification_since_the_last() throws Exception {
        LogVerifier.Outcome full = verifyOnCopy(null);
        assertThat(full.firstBad()).isNull();
        int level = 63 - Long.numberOfLeadingZeros(full.treeSize());
        assertThat(level).isGreaterThanOrEqualTo(StoredSubtrees.LOWEST_STORED_LEVEL);
        assertThat(jdbc.update("UPDATE " + schema + ".ledger_log_node SET hash = sha256(hash)"
                + " WHERE level = ? AND node_index = 0", level)).isEqualTo(1);

        LogVerifier.Outcome since = verifyOnCopy(full.verified());
        assertThat(since.firstBad()).isNotNull();
        assertThat(since.firstBad().reason()).contains("no longer holds the " + full.treeSize() + " leaves verified");
    }

    private long leaves() {
        return jdbc.queryForObject("SELECT count(*) FROM " + schema + ".ledger_log_leaf", Long.class);
    }

    /**
     * A full pass over the copy's first {@code size} leaves only: the leaves from {@code size} on, their
     * rows and the checkpoints above it are set aside for the pass and put back after it.
     */
    private LogVerifier.Verified verifiedWithTheTailHidden(long size) throws Exception {
        String s = schema;
        jdbc.execute("CREATE TABLE " + s + ".tail_leaf AS SELECT * FROM " + s + ".ledger_log_leaf WHERE leaf_index >= "
                + size);
        jdbc.execute("CREATE TABLE " + s + ".tail_event AS SELECT e.* FROM " + events() + " e JOIN " + s
                + ".tail_leaf l ON l.global_index = e.global_index");
        jdbc.execute("CREATE TABLE " + s + ".tail_checkpoint AS SELECT * FROM " + s
                + ".ledger_log_checkpoint WHERE tree_size > " + size);
        jdbc.update("DELETE FROM " + events() + " WHERE global_index IN (SELECT global_index FROM " + s + ".tail_leaf)");
        jdbc.update("DELETE FROM " + s + ".ledger_log_leaf WHERE leaf_index >= ?", size);
        jdbc.update("DELETE FROM " + s + ".ledger_log_checkpoint WHERE tree_size > ?", size);
        LogVerifier.Outcome prefix = verifyOnCopy(null);
        assertThat(prefix.firstBad()).as("the prefix alone verifies").isNull();
        jdbc.update("INSERT INTO " + s + ".ledger_log_leaf SELECT * FROM " + s + ".tail_leaf");
        jdbc.update("INSERT INTO " + events() + " SELECT * FROM " + s + ".tail_event");
        jdbc.update("INSERT INTO " + s + ".ledger_log_checkpoint SELECT * FROM " + s + ".tail_checkpoint");
        return prefix.verified();
    }

    /** The service's verifier on the copy, its stored checkpoints only, full or going on from {@code start}. */
    private LogVerifier.Outcome verifyOnCopy(LogVerifier.Verified start) throws Exception {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        String url = hikari.getJdbcUrl() + (hikari.getJdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        LogVerifier verifier = new LogVerifier(NoteVerifier.parse(ledgerLog.verifierKey()), 1000, Duration.ZERO,
                () -> { }, java.time.Clock.systemUTC());
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url,
                hikari.getUsername() == null ? "postgres" : hikari.getUsername(),
                hikari.getPassword() == null ? "" : hikari.getPassword())) {
            return verifier.verify(connection, LogVerifier.databaseNotes(), start);
        }
    }

    private Path newestCheckpointFile() throws IOException {
        List<Path> files = CheckpointFiles.list(checkpoints);
        return files.get(files.size() - 1);
    }
}
