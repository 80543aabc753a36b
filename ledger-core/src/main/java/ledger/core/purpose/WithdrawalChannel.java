package ledger.core.purpose;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a withdrawal of consent reached the company (Art. 7(3): withdrawing is as easy as giving):
 * through the portal, or by email, letter or phone, as the privacy policy invites. Written in
 * lower case, as the HTTP contract names it.
 */
public enum WithdrawalChannel {
    PORTAL, EMAIL, LETTER, PHONE;

    /** The channels as the contract writes them: {@code portal|email|letter|phone}. */
    public static final String PATTERN = "^(portal|email|letter|phone)$";

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static WithdrawalChannel of(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a withdrawal channel is portal, email, letter or phone"));
    }
}
