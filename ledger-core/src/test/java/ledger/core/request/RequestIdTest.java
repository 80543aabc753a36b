package ledger.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdTest {

    private static final UUID VALUE = UUID.fromString("0d5a0000-0000-0000-0000-00000000000a");

    @Test
    void a_request_id_is_its_uuid_and_reads_as_it() {
        RequestId id = RequestId.of(VALUE);
        assertThat(id.value()).isEqualTo(VALUE);
        assertThat(id).isEqualTo(new RequestId(VALUE));
        assertThat(id.toString()).isEqualTo("0d5a0000-0000-0000-0000-00000000000a");
    }

    @Test
    void a_request_id_needs_a_value() {
        assertThatThrownBy(() -> RequestId.of(null)).isInstanceOf(NullPointerException.class);
    }
}
