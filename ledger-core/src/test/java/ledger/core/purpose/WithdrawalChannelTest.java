package ledger.core.purpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** A withdrawal channel as the HTTP contract writes it: portal, email, letter or phone, in lower case. */
class WithdrawalChannelTest {

    @Test
    void each_channel_is_written_in_lower_case_and_read_back_from_that() {
        assertThat(Arrays.stream(WithdrawalChannel.values()).map(WithdrawalChannel::wire))
                .containsExactly("portal", "email", "letter", "phone")
                .allMatch(wire -> wire.matches(WithdrawalChannel.PATTERN));
        for (WithdrawalChannel channel : WithdrawalChannel.values()) {
            assertThat(WithdrawalChannel.of(channel.wire())).isSameAs(channel);
        }
    }

    @Test
    void a_channel_the_contract_does_not_name_is_refused() {
        assertThatThrownBy(() -> WithdrawalChannel.of("fax")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portal, email, letter or phone");
        assertThatThrownBy(() -> WithdrawalChannel.of("EMAIL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WithdrawalChannel.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
