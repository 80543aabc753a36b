package ledger.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Expected bytes and hashes below were computed outside this code (Python hashlib) and written out literally. */
class EventRowTest {

    private static final byte[] PAYLOAD = "{\"memberId\":\"m-1\",\"purpose\":\"newsletter\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] META = "{\"traceId\":\"t-9\"}".getBytes(StandardCharsets.UTF_8);

    private static EventRow normalRow() {
        return new EventRow("3f2a6c1e-0b7d-4e39-9a51-2c8d1f0e4b77", "member-42", 7, "Member",
                "2025-03-01T10:15:30.123Z", "ledger.core.member.ConsentGiven", "2", PAYLOAD, META);
    }

    @Test
    void a_normal_row_becomes_nine_lines_with_digests_of_payload_and_metadata() {
        assertThat(new String(normalRow().leafData(), StandardCharsets.UTF_8)).isEqualTo(
                "3f2a6c1e-0b7d-4e39-9a51-2c8d1f0e4b77\n"
                        + "member-42\n"
                        + "7\n"
                        + "Member\n"
                        + "2025-03-01T10:15:30.123Z\n"
                        + "ledger.core.member.ConsentGiven\n"
                        + "2\n"
                        + "937783fe8547698e9118ab747f01229e906118685620220773e6d269ad7fbf98\n"
                        + "6d19cf03a7606f62e3ff3e794ac06cb2f2813b9a25cd59f53d0663e65893b01c\n");
        assertThat(HexFormat.of().formatHex(normalRow().leafHash()))
                .isEqualTo("f6ed30178d45dfe8b2be0f0f7c57c6d875c1d62ca2f568bfbf66f71c81d3eb4e");
    }

    @Test
    void null_type_revision_and_metadata_become_empty_values_and_the_digest_of_nothing() {
        EventRow row = new EventRow("e1", "a1", 0, null, "2025-03-01T10:15:30Z", "ledger.core.member.MemberErased",
                null, new byte[] {0, 1, 2}, null);
        assertThat(new String(row.leafData(), StandardCharsets.UTF_8)).isEqualTo(
                "e1\n"
                        + "a1\n"
                        + "0\n"
                        + "\n"
                        + "2025-03-01T10:15:30Z\n"
                        + "ledger.core.member.MemberErased\n"
                        + "\n"
                        + "ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
        assertThat(HexFormat.of().formatHex(row.leafHash()))
                .isEqualTo("21e6a49f0b3a89eecf88bb23f7ee2cfa3e5df9f827810db40d0c8124d8329eb1");
    }

    @Test
    void values_are_utf8_encoded() {
        EventRow row = new EventRow("\u00e9", "a", -1, "", "t", "p", "", new byte[0], new byte[0]);
        byte[] data = row.leafData();
        assertThat(HexFormat.of().formatHex(data, 0, 3)).isEqualTo("c3a90a");
        assertThat(new String(data, StandardCharsets.UTF_8)).startsWith("\u00e9\na\n-1\n\nt\np\n\n");
    }

    @Test
    void a_newline_in_any_value_is_refused_because_the_format_could_not_tell_rows_apart() {
        String n = "x\ny";
        byte[] p = new byte[0];
        assertRefused(new EventRow(n, "a", 0, "T", "t", "p", "r", p, p), "event_identifier");
        assertRefused(new EventRow("\nleading", "a", 0, "T", "t", "p", "r", p, p), "event_identifier");
        assertRefused(new EventRow("e", n, 0, "T", "t", "p", "r", p, p), "aggregate_identifier");
        assertRefused(new EventRow("e", "a", 0, n, "t", "p", "r", p, p), "type");
        assertRefused(new EventRow("e", "a", 0, "T", n, "p", "r", p, p), "time_stamp");
        assertRefused(new EventRow("e", "a", 0, "T", "t", n, "r", p, p), "payload_type");
        assertRefused(new EventRow("e", "a", 0, "T", "t", "p", n, p, p), "payload_revision");
    }

    @Test
    void columns_that_are_not_null_in_the_event_table_are_required() {
        byte[] p = new byte[0];
        assertRefused(new EventRow(null, "a", 0, "T", "t", "p", "r", p, p), "event_identifier");
        assertRefused(new EventRow("e", null, 0, "T", "t", "p", "r", p, p), "aggregate_identifier");
        assertRefused(new EventRow("e", "a", 0, "T", null, "p", "r", p, p), "time_stamp");
        assertRefused(new EventRow("e", "a", 0, "T", "t", null, "r", p, p), "payload_type");
        assertRefused(new EventRow("e", "a", 0, "T", "t", "p", "r", null, p), "payload");
    }

    @Test
    void a_lone_surrogate_is_refused_rather_than_encoded_as_a_question_mark() {
        EventRow row = new EventRow("e\ud800", "a", 0, "T", "t", "p", "r", new byte[0], null);
        assertThatThrownBy(row::leafData).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_character_outside_the_basic_plane_is_encoded_as_its_four_utf8_bytes() {
        byte[] data = new EventRow("\ud83d\ude00", "a", 0, "T", "t", "p", "r", new byte[0], null).leafData();
        assertThat(HexFormat.of().formatHex(data, 0, 5)).isEqualTo("f09f98800a");
    }

    @Test
    void a_lone_low_surrogate_after_ordinary_text_is_refused_too() {
        EventRow row = new EventRow("e", "abc\udc00", 0, "T", "t", "p", "r", new byte[0], null);
        assertThatThrownBy(row::leafData).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(EventRow row, String column) {
        assertThatThrownBy(row::leafData).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(column);
        assertThatThrownBy(row::leafHash).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_or_malformed_digest_is_refused() {
        String digest = "0".repeat(64);
        assertThatThrownBy(() -> EventRow.leafData("e", "a", 0, "T", "t", "p", "r", null, digest))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload digest");
        assertThatThrownBy(() -> EventRow.leafData("e", "a", 0, "T", "t", "p", "r", digest, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meta_data digest");
        for (String malformed : new String[] {"0".repeat(63), "0".repeat(65), "A".repeat(64), "g".repeat(64)}) {
            assertThatThrownBy(() -> EventRow.leafData("e", "a", 0, "T", "t", "p", "r", malformed, digest))
                    .as(malformed).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload digest");
        }
        assertThat(new String(EventRow.leafData("e", "a", 0, "T", "t", "p", "r", digest, digest),
                StandardCharsets.UTF_8)).endsWith("\n" + digest + "\n" + digest + "\n");
    }
}
