package ledger.api.infrastructure.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;

import ledger.api.LedgerApplication;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.core.log.Checkpoint;
import ledger.core.log.EventRow;
import ledger.core.log.NoteSigner;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;
import ledger.core.log.TreeHash;

/**
 * The verifiable ledger over HTTP, checked as an auditor would: with the public key and RFC 9162's
 * algorithms only. Every stored event gets a leaf recomputable from its row, signed checkpoints
 * prove inclusion and consistency, a late commit still gets its leaf, and the service's own
 * verification sees a changed row (and is OK again once it is restored).
 */
class LedgerLogIT extends IntegrationTest {

    private static final Duration LEAF_WAIT = Duration.ofSeconds(10);

    @Autowired
    TransparencyLog ledgerLog;

    @Autowired
    DataSource dataSource;

    private Api auditor() {
        return api().as(Api.AUDITOR);
    }

    private NoteVerifier publicKey() {
        Api.Response key = auditor().get("/api/v1/ledger/public-key");
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.contentType()).startsWith("text/plain");
        return NoteVerifier.parse(key.body().strip());
    }

    private List<String> eventIds(UUID member) {
        return jdbc.queryForList("SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number", String.class, member.toString());
    }

    private JsonNode leafOf(String eventId) {
        Api.Response[] answer = new Api.Response[1];
        await().atMost(LEAF_WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            answer[0] = auditor().get("/api/v1/ledger/leaves?eventId=" + eventId);
            return answer[0].status() == 200;
        });
        JsonNode leaves = answer[0].json();
        assertThat(leaves).hasSize(1);
        return leaves.get(0);
    }

    /** The latest checkpoint once it covers {@code size} leaves, its signature checked with the public key. */
    private Checkpoint checkpointCovering(long size) {
        NoteVerifier key = publicKey();
        Checkpoint[] latest = new Checkpoint[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Response note = auditor().get("/api/v1/ledger/checkpoint");
            assertThat(note.status()).isEqualTo(200);
            assertThat(note.contentType()).startsWith("text/plain").contains("UTF-8");
            latest[0] = Checkpoint.parse(key.verify(note.body()));
            return latest[0].treeSize() >= size;
        });
        return latest[0];
    }

    private EventRow row(String eventId) {
        return jdbc.queryForObject("SELECT event_identifier, aggregate_identifier, sequence_number, type, time_stamp,"
                + " payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE event_identifier = ?",
                (rs, i) -> new EventRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8), rs.getBytes(9)), eventId);
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    @Test
    void every_stored_event_becomes_a_leaf_recomputable_from_its_row_and_proven_in_a_signed_checkpoint() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"leaf-test\"}").status())
                .isEqualTo(201);
        List<String> events = eventIds(member);
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        long highest = 0;
        List<JsonNode> leaves = new ArrayList<>();
        for (String event : events) {
            JsonNode leaf = leafOf(event);
            assertThat(leaf.get("eventId").asText()).isEqualTo(event);
            assertThat(Base64.getDecoder().decode(leaf.get("leafHash").asText()))
                    .as("the leaf hash is recomputed from the stored row").isEqualTo(row(event).leafHash());
            highest = Math.max(highest, leaf.get("index").asLong());
            leaves.add(leaf);
        }
        Checkpoint checkpoint = checkpointCovering(highest + 1);
        for (JsonNode leaf : leaves) {
            long index = leaf.get("index").asLong();
            Api.Response proof = auditor().get("/api/v1/ledger/proofs/inclusion?index=" + index + "&treeSize="
                    + checkpoint.treeSize());
            assertThat(proof.status()).isEqualTo(200);
            assertThat(proof.json().get("index").asLong()).isEqualTo(index);
            assertThat(proof.json().get("treeSize").asLong()).isEqualTo(checkpoint.treeSize());
            byte[] leafHash = Base64.getDecoder().decode(leaf.get("leafHash").asText());
            assertThat(Proofs.verifyInclusion(index, checkpoint.treeSize(), leafHash, hashes(proof.json()),
                    checkpoint.rootHash())).as("inclusion of leaf " + index).isTrue();
            byte[] other = TreeHash.leafHash("not this event".getBytes());
            assertThat(Proofs.verifyInclusion(index, checkpoint.treeSize(), other, hashes(proof.json()),
                    checkpoint.rootHash())).as("the proof proves this leaf only").isFalse();
        }
    }

    @Test
    void consistency_proofs_tie_a_checkpoint_to_a_later_one_and_the_leaves_rebuild_its_root() {
        Checkpoint first = checkpointCovering(0);
        UUID member = api().register(Api.uniqueUsername());
        long index = leafOf(eventIds(member).get(0)).get("index").asLong();
        Checkpoint second = checkpointCovering(Math.max(index + 1, first.treeSize() + 1));

        Api.Response proof = auditor().get("/api/v1/ledger/proofs/consistency?first=" + first.treeSize()
                + "&second=" + second.treeSize());
        assertThat(proof.status()).isEqualTo(200);
        assertThat(proof.json().get("first").asLong()).isEqualTo(first.treeSize());
        assertThat(proof.json().get("second").asLong()).isEqualTo(second.treeSize());
        assertThat(Proofs.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(),
                second.rootHash(), hashes(proof.json()))).isTrue();
        assertThat(Proofs.verifyConsistency(first.treeSize(), second.treeSize(), second.rootHash(),
                first.rootHash(), hashes(proof.json()))).as("and only for these roots").isFalse();

        // the tree head of RFC 9162 over every leaf listed, page by page
        List<byte[]> all = new ArrayList<>();
        for (long start = 0; start < second.treeSize(); start += 1000) {
            long end = Math.min(second.treeSize(), start + 1000);
            JsonNode page = auditor().get("/api/v1/ledger/leaves?start=" + start + "&end=" + end).json();
            assertThat(page).hasSize((int) (end - start));
            for (JsonNode leaf : page) {
                assertThat(leaf.get("index").asLong()).isEqualTo(all.size());
                all.add(Base64.getDecoder().decode(leaf.get("leafHash").asText()));
            }
        }
        assertThat(TreeHash.root(all)).isEqualTo(second.rootHash());
    }

    /**
     * Inserts, in {@code held}'s open transaction, the member's next event as a copy of {@code previous} (a stored
     * row) under the id {@code eventId}: it takes its global index now and is visible only once {@code held} commits.
     */
    private static long insertNextEvent(Connection held, String eventId, UUID member, Map<String, Object> previous)
            throws java.sql.SQLException {
        try (PreparedStatement insert = held.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload,"
                + " meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index")) {
            insert.setString(1, eventId);
            insert.setString(2, member.toString());
            insert.setLong(3, ((Number) previous.get("sequence_number")).longValue() + 1);
            insert.setString(4, (String) previous.get("type"));
            insert.setString(5, (String) previous.get("time_stamp"));
            insert.setString(6, (String) previous.get("payload_type"));
            insert.setString(7, (String) previous.get("payload_revision"));
            insert.setBytes(8, (byte[]) previous.get("payload"));
            insert.setBytes(9, (byte[]) previous.get("meta_data"));
            try (ResultSet key = insert.executeQuery()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    @Test
    void an_event_that_commits_after_later_ones_still_gets_its_leaf_after_them() throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"late\"}").status())
                .isEqualTo(201);
        Map<String, Object> download = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%DocumentDownloaded' ORDER BY sequence_number DESC LIMIT 1", member.toString());
        String late = UUID.randomUUID().toString();
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            long lateIndex;
            // the member's next event, a second download, written by a transaction that takes its global
            // index now and commits only after a later event has been sequenced
            lateIndex = insertNextEvent(held, late, member, download);
            UUID later = api().register(Api.uniqueUsername());
            JsonNode laterLeaf = leafOf(eventIds(later).get(0));
            assertThat(laterLeaf.get("globalIndex").asLong()).isGreaterThan(lateIndex);
            assertThat(ledgerLog.leaf(late)).as("not committed yet").isEmpty();

            held.commit();

            JsonNode lateLeaf = leafOf(late);
            assertThat(lateLeaf.get("globalIndex").asLong()).isEqualTo(lateIndex);
            assertThat(lateLeaf.get("index").asLong()).as("in the log's own order: after the event it precedes")
                    .isGreaterThan(laterLeaf.get("index").asLong());
        }
    }

    @Autowired
    Sequencer sequencer;

    /** One round with a sweep; answers the sweep's watermark after it. */
    private long sweep() {
        sequencer.sweepNow();
        sequencer.sequence(true);
        return sequencer.sweptTo();
    }

    @Test
    void the_sweeps_watermark_stays_below_an_index_whose_transaction_is_open_and_passes_it_once_it_committed()
            throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        Map<String, Object> registered = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " ORDER BY sequence_number DESC LIMIT 1", member.toString());
        String late = UUID.randomUUID().toString();
        long lateIndex;
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            lateIndex = insertNextEvent(held, late, member, registered);
            UUID later = api().register(Api.uniqueUsername());
            leafOf(eventIds(later).get(0));
            // two sweeps: the first sets its mark above the open index, the second may not move past it
            sweep();
            assertThat(sweep()).as("the watermark while the index's transaction is open").isLessThan(lateIndex);
            assertThat(ledgerLog.leaf(late)).isEmpty();
            held.commit();
        }
        leafOf(late);
        await().atMost(LEAF_WAIT).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(sweep()).as("the watermark once no older transaction is open")
                        .isGreaterThanOrEqualTo(lateIndex));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry e WHERE e.global_index <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_log_leaf l WHERE l.global_index = e.global_index)",
                Long.class, sequencer.sweptTo())).as("events without a leaf below the watermark").isZero();
    }

    @Test
    void the_evidence_of_one_event_is_its_leaf_a_signed_checkpoint_covering_it_and_the_inclusion_proof() {
        UUID member = api().register(Api.uniqueUsername());
        String event = eventIds(member).get(0);
        TransparencyLog.Evidence evidence = ledgerLog.evidence(event, LEAF_WAIT).orElseThrow();
        assertThat(evidence.leaf().eventId()).isEqualTo(event);
        Checkpoint checkpoint = Checkpoint.parse(publicKey().verify(evidence.checkpoint().note()));
        assertThat(checkpoint.treeSize()).isEqualTo(evidence.checkpoint().treeSize()).isGreaterThan(evidence.leaf().index());
        assertThat(Proofs.verifyInclusion(evidence.leaf().index(), checkpoint.treeSize(), row(event).leafHash(),
                evidence.inclusionProof(), checkpoint.rootHash())).isTrue();
        assertThat(checkpointDir().resolve(String.format("%020d.note", checkpoint.treeSize())))
                .as("the checkpoint handed out is outside the database too").exists();
        assertThat(ledgerLog.evidence(UUID.randomUUID().toString(), Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void a_node_with_another_signing_key_refuses_to_start() {
        HikariDataSource database = (HikariDataSource) dataSource;
        checkpointCovering(0);
        String otherKey = Base64.getEncoder().encodeToString(NoteSigner.generateSeed());
        assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerApplication.class).run(
                fleetDirectories()[0], fleetDirectories()[1], "--server.port=0",
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                "--ledger.master-key=" + TEST_MASTER_KEY, "--ledger.log.signing-key=" + otherKey))
                .hasStackTraceContaining("Refusing to start: the latest stored checkpoint")
                .hasStackTraceContaining("LEDGER_SIGNING_KEY");
    }

    @Test
    void parameters_outside_the_log_are_refused_naming_the_parameter() {
        long size = ledgerLog.treeSize();
        assertThat(size).isPositive();
        assertProblem(auditor().get("/api/v1/ledger/leaves"), 400, "start");
        assertProblem(auditor().get("/api/v1/ledger/leaves?start=-1&end=1"), 400, "start");
        assertProblem(auditor().get("/api/v1/ledger/leaves?start=0&end=" + (size + 1_000_000)), 400, "end");
        assertProblem(auditor().get("/api/v1/ledger/leaves?start=1&end=0"), 400, "end");
        assertProblem(auditor().get("/api/v1/ledger/leaves?start=x"), 400, "start");
        assertProblem(auditor().get("/api/v1/ledger/leaves?start=0&eventId=abc"), 400, "eventId");
        assertThat(auditor().get("/api/v1/ledger/leaves?eventId=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(auditor().get("/api/v1/ledger/leaves?start=0&end=0").json()).isEmpty();
        assertProblem(auditor().get("/api/v1/ledger/proofs/inclusion?index=0"), 400, "treeSize");
        assertProblem(auditor().get("/api/v1/ledger/proofs/inclusion?index=0&treeSize=" + (size + 1_000_000)), 400,
                "treeSize");
        assertProblem(auditor().get("/api/v1/ledger/proofs/inclusion?index=" + size + "&treeSize=" + size), 400,
                "index");
        assertProblem(auditor().get("/api/v1/ledger/proofs/inclusion?index=-1&treeSize=1"), 400, "index");
        assertProblem(auditor().get("/api/v1/ledger/proofs/consistency?first=2&second=1"), 400, "first");
        assertProblem(auditor().get("/api/v1/ledger/proofs/consistency?first=1&second=" + (size + 1_000_000)), 400,
                "second");
        assertThat(auditor().get("/api/v1/ledger/proofs/consistency?first=0&second=" + size).json().get("hashes"))
                .as("every tree extends the empty one").isEmpty();
    }

    @Test
    void an_erasure_receipt_proves_the_erasure_with_the_public_key_alone() {
        UUID member = api().register(Api.uniqueUsername());
        Api.Response erased = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode evidence = erased.json().get("evidence");
        assertThat(evidence.isObject()).as(erased.body()).isTrue();

        // what an auditor holds: the receipt and the public key
        Checkpoint checkpoint = Checkpoint.parse(publicKey().verify(evidence.get("checkpoint").asText()));
        assertThat(checkpoint.treeSize()).isEqualTo(evidence.get("treeSize").asLong())
                .isGreaterThan(evidence.get("leafIndex").asLong());
        byte[] leafHash = Base64.getDecoder().decode(evidence.get("leafHash").asText());
        List<byte[]> proof = new ArrayList<>();
        evidence.get("inclusionProof").forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
        long index = evidence.get("leafIndex").asLong();
        assertThat(Proofs.verifyInclusion(index, checkpoint.treeSize(), leafHash, proof, checkpoint.rootHash()))
                .isTrue();
        // and the leaf is the stored MemberErased row's, recomputable by anyone with the row
        String eventId = evidence.get("eventId").asText();
        assertThat(row(eventId).leafHash()).isEqualTo(leafHash);
        assertThat(row(eventId).payloadType()).endsWith(".MemberErased");
        assertThat(eventIds(member)).contains(eventId);
        // a receipt with another leaf does not verify
        byte[] forged = leafHash.clone();
        forged[0] ^= 1;
        assertThat(Proofs.verifyInclusion(index, checkpoint.treeSize(), forged, proof, checkpoint.rootHash()))
                .isFalse();
        // a repeated erasure answers the same evidence
        JsonNode again = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}").json().get("evidence");
        assertThat(again.get("eventId").asText()).isEqualTo(eventId);
    }

    @Test
    void consent_history_entries_name_their_stored_event_so_that_its_proof_can_be_fetched() {
        java.time.Instant from = java.time.Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID member = api().register(Api.uniqueUsername());
        JsonNode[] history = new JsonNode[1];
        await().atMost(LEAF_WAIT).until(() -> {
            history[0] = auditor().get("/api/v1/members/" + member + "/consent-history").json();
            return history[0].size() > 0;
        });
        for (JsonNode entry : history[0]) {
            String eventId = entry.get("eventId").asText();
            assertThat(eventIds(member)).contains(eventId);
            assertThat(leafOf(eventId).get("eventId").asText()).isEqualTo(eventId);
        }
        JsonNode audit = auditor().get("/api/v1/audit/consents?limit=10000&from=" + from).json();
        List<String> auditIds = new ArrayList<>();
        audit.get("entries").forEach(e -> {
            if (member.toString().equals(e.get("memberId").asText())) {
                auditIds.add(e.get("eventId").asText());
            }
        });
        assertThat(auditIds).isNotEmpty().allSatisfy(id -> assertThat(eventIds(member)).contains(id));
    }

    private static void assertProblem(Api.Response response, int status, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).startsWith("urn:ledger:problem:");
        assertThat(problem.path("errors").has(parameter)).as(response.body()).isTrue();
    }

    @Test
    void the_public_key_is_the_note_verifier_key_of_the_configured_signing_key() {
        String origin = "ledger.example/compliance-ledger";
        NoteSigner signer = new NoteSigner(origin, Base64.getDecoder().decode(TEST_SIGNING_KEY));
        assertThat(auditor().get("/api/v1/ledger/public-key").body().strip()).isEqualTo(signer.verifierKey());
        assertThat(api().as(Api.DPM).get("/api/v1/ledger/public-key").status()).isEqualTo(200);
        assertThat(api().as(Api.PORTAL).get("/api/v1/ledger/public-key").status()).isEqualTo(403);
        assertThat(checkpointCovering(0).origin()).isEqualTo(origin);
    }

    @Test
    void erasure_changes_no_leaf_and_the_ledger_still_verifies() {
        UUID member = api().register(Api.uniqueUsername());
        List<String> before = eventIds(member);
        List<String> hashes = before.stream().map(e -> leafOf(e).get("leafHash").asText()).toList();
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(200);
        for (int i = 0; i < before.size(); i++) {
            assertThat(leafOf(before.get(i)).get("leafHash").asText()).isEqualTo(hashes.get(i));
            assertThat(Base64.getEncoder().encodeToString(row(before.get(i)).leafHash()))
                    .as("the stored row (ciphertext under a shredded key) still hashes to its leaf")
                    .isEqualTo(hashes.get(i));
        }
        String erased = eventIds(member).get(eventIds(member).size() - 1);
        long erasureLeaf = leafOf(erased).get("index").asLong();

        Api.Response verification = auditor().post("/api/v1/ledger/verification", null);
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().get("status").asText()).as(verification.body()).isEqualTo("OK");
        assertThat(verification.json().get("treeSize").asLong()).isGreaterThan(erasureLeaf);
        assertThat(verification.json().get("firstBad").isNull()).isTrue();
        Api.Response last = api().as(Api.DPM).get("/api/v1/ledger/verification");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("status").asText()).isEqualTo("OK");
        assertThat(api().as(Api.DPM).post("/api/v1/ledger/verification", null).status()).isEqualTo(403);
    }

    @Test
    void a_verification_of_what_is_new_goes_on_from_the_nodes_last_and_says_where_it_began() {
        Api.Response full = auditor().post("/api/v1/ledger/verification", null);
        assertThat(full.json().get("status").asText()).as(full.body()).isEqualTo("OK");
        assertThat(full.json().get("from").asLong()).isZero();
        long verified = full.json().get("treeSize").asLong();
        UUID member = api().register(Api.uniqueUsername());
        long newest = eventIds(member).stream().mapToLong(e -> leafOf(e).get("index").asLong()).max().orElseThrow();

        Api.Response since = auditor().post("/api/v1/ledger/verification?scope=new", null);
        assertThat(since.status()).as(since.body()).isEqualTo(200);
        assertThat(since.json().get("status").asText()).as(since.body()).isEqualTo("OK");
        // the scheduled verification may have run in between: it goes on from that one then
        assertThat(since.json().get("from").asLong()).isGreaterThanOrEqualTo(verified).isPositive();
        assertThat(since.json().get("treeSize").asLong()).isGreaterThan(newest);
        assertThat(api().as(Api.ADMIN).get("/api/v1/ledger/verification").json().get("from").asLong())
                .isEqualTo(since.json().get("from").asLong());
        assertProblem(auditor().post("/api/v1/ledger/verification?scope=everything", null), 400, "scope");
    }

    @Test
    void a_changed_row_fails_the_services_verification_naming_it_until_it_is_restored() {
        UUID member = api().register(Api.uniqueUsername());
        String event = eventIds(member).get(0);
        JsonNode leaf = leafOf(event);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, event);
        try {
            // one more space at the end: the JSON reads the same, the stored bytes differ
            jdbc.update("UPDATE domain_event_entry SET payload = payload || '\\x20'::bytea WHERE event_identifier = ?",
                    event);
            Api.Response failed = auditor().post("/api/v1/ledger/verification", null);
            assertThat(failed.status()).isEqualTo(200);
            JsonNode result = failed.json();
            assertThat(result.get("status").asText()).isEqualTo("FAILED");
            assertThat(result.at("/firstBad/eventId").asText()).isEqualTo(event);
            assertThat(result.at("/firstBad/index").asLong()).isEqualTo(leaf.get("index").asLong());
            assertThat(result.at("/firstBad/globalIndex").asLong()).isEqualTo(leaf.get("globalIndex").asLong());
            assertThat(result.at("/firstBad/reason").asText()).contains("changed");
            assertThat(api().as(Api.ADMIN).get("/api/v1/ledger/verification").json().get("status").asText())
                    .isEqualTo("FAILED");
            assertThat(api().as(Api.ADMIN).get("/actuator/prometheus").body())
                    .contains("ledger_log_verification_status 0.0");
            assertThat(api().as(null).get("/actuator/health").status()).as("ledgerLog is DOWN").isEqualTo(503);
            assertThat(api().as(null).get("/actuator/health/readiness").status()).as("but the node serves")
                    .isEqualTo(200);
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", payload, event);
        }
        Api.Response restored = auditor().post("/api/v1/ledger/verification", null);
        assertThat(restored.json().get("status").asText()).as(restored.body()).isEqualTo("OK");
        assertThat(api().as(Api.ADMIN).get("/actuator/prometheus").body())
                .contains("ledger_log_verification_status 1.0");
    }
}
