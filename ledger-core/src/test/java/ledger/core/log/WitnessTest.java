package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The C2SP tlog-witness add-checkpoint rules, one answer each. */
class WitnessTest {

    static final String ORIGIN = "ledger.example/test-log";

    private final NoteSigner logKey = new NoteSigner(ORIGIN, NoteSigner.generateSeed());
    private final Cosigner cosigner = new Cosigner("witness.example/w1", NoteSigner.generateSeed());
    private final Map<String, String> saved = new HashMap<>();
    private final Witness.Store store = new Witness.Store() {
        @Override
        public Optional<String> latest(String origin) {
            return Optional.ofNullable(saved.get(origin));
        }

        @Override
        public void save(String origin, String cosignedNote) {
            saved.put(origin, cosignedNote);
        }
    };
    private final Witness witness = new Witness(cosigner,
            List.of(new Witness.TrustedLog(ORIGIN, List.of(NoteVerifier.parse(logKey.verifierKey())))), store,
            () -> 1_700_000_000L);
    private final MemoryTree tree = MemoryTree.ofSize(20);

    private String checkpoint(int size) {
        return logKey.sign(new Checkpoint(ORIGIN, size, Proofs.root(size, tree)).body());
    }

    private Witness.Outcome add(long oldSize, int size) {
        return witness.addCheckpoint(new AddCheckpoint(oldSize, oldSize == 0 ? List.of()
                : Proofs.consistency(oldSize, size, tree), checkpoint(size)).format());
    }

    @Test
    void a_first_checkpoint_from_size_zero_is_cosigned_and_kept() {
        Witness.Outcome outcome = add(0, 5);
        assertThat(outcome).isInstanceOf(Witness.Cosigned.class);
        String line = ((Witness.Cosigned) outcome).signatureLines();
        assertThat(Cosignatures.parse(cosigner.verifierKey()).find(Witness.bodyOf(checkpoint(5)), List.of(line)))
                .isPresent();
        assertThat(saved.get(ORIGIN)).isEqualTo(checkpoint(5) + line);
    }

    @Test
    void a_consistent_larger_checkpoint_is_cosigned() {
        add(0, 5);
        assertThat(add(5, 13)).isInstanceOf(Witness.Cosigned.class);
        assertThat(witness.latest(ORIGIN)).hasValueSatisfying(note -> assertThat(note).contains("\n13\n"));
    }

    @Test
    void an_old_size_that_is_not_the_latest_cosigned_answers_the_latest_size() {
        add(0, 5);
        assertThat(add(0, 13)).isEqualTo(new Witness.SizeMismatch(5));
        assertThat(add(3, 13)).isEqualTo(new Witness.SizeMismatch(5));
    }

    @Test
    void an_unknown_origin_is_not_found() {
        NoteSigner other = new NoteSigner("other.example/log", NoteSigner.generateSeed());
        String note = other.sign(new Checkpoint("other.example/log", 1, Proofs.root(1, tree)).body());
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void a_checkpoint_without_a_trusted_signature_is_forbidden() {
        NoteSigner impostor = new NoteSigner(ORIGIN, NoteSigner.generateSeed());
        String note = impostor.sign(new Checkpoint(ORIGIN, 1, Proofs.root(1, tree)).body());
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void a_trusted_signature_that_fails_is_forbidden() {
        String note = checkpoint(5).replace("\n5\n", "\n6\n");
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(403));
    }

    @Test
    void an_old_size_above_the_checkpoint_is_a_bad_request() {
        assertThat(witness.addCheckpoint(new AddCheckpoint(6, List.of(), checkpoint(5)).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void a_malformed_body_is_a_bad_request() {
        assertThat(witness.addCheckpoint("old 01\n\n" + checkpoint(5)))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void a_proof_that_fails_is_unprocessable_and_nothing_moves() {
        add(0, 5);
        List<byte[]> proof = Proofs.consistency(4, 13, tree); // the proof of another pair of sizes
        assertThat(witness.addCheckpoint(new AddCheckpoint(5, proof, checkpoint(13)).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
        assertThat(witness.latest(ORIGIN)).hasValueSatisfying(note -> assertThat(note).contains("\n5\n"));
    }

    @Test
    void a_proof_from_size_zero_must_be_empty() {
        List<byte[]> proof = List.of(TreeHash.emptyRoot());
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, proof, checkpoint(5)).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
    }

    @Test
    void a_forked_checkpoint_of_the_cosigned_size_is_a_conflict() {
        add(0, 5);
        MemoryTree forked = new MemoryTree(MemoryTree.leafHashes(21).subList(1, 21));
        String fork = logKey.sign(new Checkpoint(ORIGIN, 5, Proofs.root(5, forked)).body());
        assertThat(witness.addCheckpoint(new AddCheckpoint(5, List.of(), fork).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(409));
        assertThat(add(5, 5)).isInstanceOf(Witness.Cosigned.class);
    }

    @Test
    void a_forked_larger_checkpoint_is_unprocessable() {
        add(0, 5);
        MemoryTree forked = new MemoryTree(MemoryTree.leafHashes(21).subList(1, 21));
        String fork = logKey.sign(new Checkpoint(ORIGIN, 13, Proofs.root(13, forked)).body());
        assertThat(witness.addCheckpoint(new AddCheckpoint(5, Proofs.consistency(5, 13, forked), fork).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
    }

    @Test
    void a_checkpoint_of_size_zero_needs_the_empty_root() {
        String note = logKey.sign(new Checkpoint(ORIGIN, 0, Proofs.root(1, tree)).body());
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
    }

    private static String lastLine(String note) {
        return note.substring(note.lastIndexOf("\n\u2014 ") + 1);
    }

    @Test
    void the_witness_names_its_cosigner() {
        assertThat(witness.cosigner()).isSameAs(cosigner);
    }

    @Test
    void an_origin_is_named_by_the_lowercase_hex_of_its_sha256() {
        // sha256sum of the origin's bytes, computed apart from this code
        assertThat(Witness.originHash(ORIGIN)).isEqualTo("7019e59313b41f7e6c474b2cb721b861c44729f83a01a0161ecb07b24b1687d5");
    }

    @Test
    void the_latest_checkpoint_is_found_by_the_hash_of_its_origin() {
        String hash = "7019e59313b41f7e6c474b2cb721b861c44729f83a01a0161ecb07b24b1687d5";
        assertThat(witness.latestByHash(hash)).isEmpty();
        add(0, 5);
        assertThat(witness.latestByHash(hash)).isEqualTo(witness.latest(ORIGIN)).hasValue(saved.get(ORIGIN));
        assertThat(witness.latestByHash(Witness.originHash("other.example/log"))).isEmpty();
        assertThat(witness.latest("other.example/log")).isEmpty();
    }

    @Test
    void the_body_of_a_note_ends_at_its_last_blank_line() {
        assertThat(Witness.bodyOf("\n\n\u2014 k AAAA\n")).isEqualTo("\n");
        assertThat(Witness.bodyOf("a\n\nb\n\n\u2014 k AAAA\n")).isEqualTo("a\n\nb\n");
        assertThatThrownBy(() -> Witness.bodyOf("a\n\u2014 k AAAA\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a signed note");
    }

    @Test
    void a_checkpoint_of_a_single_line_has_no_known_origin() {
        assertThat(witness.addCheckpoint("old 0\n\n" + ORIGIN))
                .isEqualTo(new Witness.Refused(404, "unknown log origin"));
    }

    @Test
    void a_note_with_an_empty_first_line_is_read_as_the_log_of_the_empty_origin() {
        Witness unnamed = new Witness(cosigner,
                List.of(new Witness.TrustedLog("", List.of(NoteVerifier.parse(logKey.verifierKey())))), store,
                () -> 1_700_000_000L);
        String note = logKey.sign("\n5\n" + Base64.getEncoder().encodeToString(Proofs.root(5, tree)) + "\n");
        assertThat(unnamed.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.reason()).startsWith("not a checkpoint");
                });
        assertThat(saved).isEmpty();
    }

    @Test
    void a_trusted_note_that_is_no_checkpoint_is_a_bad_request() {
        String note = logKey.sign(ORIGIN + "\nfive\n" + Base64.getEncoder().encodeToString(Proofs.root(5, tree)) + "\n");
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isInstanceOfSatisfying(Witness.Refused.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.reason()).startsWith("not a checkpoint: ").contains("canonical decimal");
                });
        assertThat(saved).isEmpty();
    }

    @Test
    void the_cosigned_size_again_with_a_proof_is_a_conflict_even_for_the_same_root() {
        add(0, 5);
        String before = saved.get(ORIGIN);
        assertThat(witness.addCheckpoint(new AddCheckpoint(5, List.of(TreeHash.emptyRoot()), checkpoint(5)).format()))
                .isEqualTo(new Witness.Refused(409, "a different root for the size already cosigned"));
        assertThat(saved.get(ORIGIN)).isEqualTo(before);
    }

    @Test
    void a_failing_signature_of_a_trusted_key_is_named_in_the_refusal() {
        String note = checkpoint(5).replace("\n5\n", "\n6\n");
        assertThat(witness.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isEqualTo(new Witness.Refused(403, "invalid signature for key " + ORIGIN));
    }

    @Test
    void a_failing_signature_of_one_trusted_key_is_refused_though_another_trusted_key_signed() {
        NoteSigner second = new NoteSigner("ledger.example/second-key", NoteSigner.generateSeed());
        Witness twoKeys = new Witness(cosigner, List.of(new Witness.TrustedLog(ORIGIN,
                List.of(NoteVerifier.parse(logKey.verifierKey()), NoteVerifier.parse(second.verifierKey())))), store,
                () -> 1_700_000_000L);
        String body = new Checkpoint(ORIGIN, 5, Proofs.root(5, tree)).body();
        String forged = lastLine(logKey.sign(new Checkpoint(ORIGIN, 6, Proofs.root(6, tree)).body()));
        String note = second.sign(body) + forged;
        assertThat(twoKeys.addCheckpoint(new AddCheckpoint(0, List.of(), note).format()))
                .isEqualTo(new Witness.Refused(403, "invalid signature for key " + ORIGIN));
        assertThat(twoKeys.addCheckpoint(new AddCheckpoint(0, List.of(), second.sign(body)).format()))
                .isInstanceOf(Witness.Cosigned.class);
    }
}
