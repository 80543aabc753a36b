package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The C2SP tlog-witness add-checkpoint request body, at the edges of its limits. */
class AddCheckpointTest {

    private static final int MAX_BODY = 1 << 20;
    private static final byte[] HASH = TreeHash.emptyRoot();
    private static final String HASH_LINE = Base64.getEncoder().encodeToString(HASH) + "\n";

    @Test
    void a_negative_old_size_is_refused() {
        assertThatThrownBy(() -> new AddCheckpoint(-1, List.of(), "note\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative old size");
        assertThat(new AddCheckpoint(0, List.of(), "note\n").oldSize()).isZero();
    }

    @Test
    void sixty_three_proof_lines_are_allowed_and_sixty_four_are_refused() {
        assertThat(new AddCheckpoint(1, Collections.nCopies(63, HASH), "note\n").proof()).hasSize(63);
        assertThatThrownBy(() -> new AddCheckpoint(1, Collections.nCopies(64, HASH), "note\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 63");
    }

    @Test
    void a_sixty_fourth_proof_line_is_refused_before_it_is_read() {
        assertThat(AddCheckpoint.parse("old 1\n" + HASH_LINE.repeat(63) + "\nnote\n").proof()).hasSize(63);
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\n" + HASH_LINE.repeat(63) + "not base64!\n\nnote\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 63");
    }

    @Test
    void a_body_of_exactly_the_largest_note_size_is_read_and_one_more_character_is_refused() {
        String head = "old 0\n\n";
        String largest = head + "x".repeat(MAX_BODY - head.length() - 1) + "\n";
        assertThat(largest).hasSize(MAX_BODY);
        assertThat(AddCheckpoint.parse(largest).checkpoint()).hasSize(MAX_BODY - head.length());
        assertThatThrownBy(() -> AddCheckpoint.parse(largest + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than a checkpoint can be");
        assertThatThrownBy(() -> AddCheckpoint.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no body");
    }
}
