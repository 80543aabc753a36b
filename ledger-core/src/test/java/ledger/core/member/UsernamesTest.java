package ledger.core.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UsernamesTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "adaqz, \u0430daqz",
            "mila, M\u0130LA",
            "mila, MILA",
            "\u03c3\u03b9\u03c3, \u03c3\u03b9\u03c2",
            "user1, user\u0661",
            "jos\u00e9, Jose\u0301",
            "jos\u00e9, JOS\u00c9",
            "strasse, stra\u00dfe",
            "ada_x, \uff41\uff44\uff41_x",
            "mila, m\u0131la"})
    void look_alike_names_are_one_name(String first, String second) {
        assertThat(Usernames.sameName(first, second)).isTrue();
        assertThat(Usernames.keyDigest(first)).isEqualTo(Usernames.keyDigest(second));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"ada, adb", "user1, user2", "jos\u00e9, jose_", "mila, milan"})
    void different_names_stay_different(String first, String second) {
        assertThat(Usernames.sameName(first, second)).isFalse();
    }

    @Test
    void input_in_nfd_is_normalised_to_nfc_and_valid() {
        assertThat(Usernames.normalize("Jose\u0301")).isEqualTo("Jos\u00e9");
        assertThat(Usernames.valid("Jose\u0301")).isTrue();
        assertThat(Usernames.valid("\uff41\uff44\uff41")).isTrue();
        assertThat(Usernames.normalize(null)).isNull();
    }

    @Test
    void what_is_no_username_stays_refused() {
        assertThat(Usernames.valid("a b")).isFalse();
        assertThat(Usernames.valid("ab")).isFalse();
        assertThat(Usernames.valid("a".repeat(65))).isFalse();
        assertThat(Usernames.valid("zero\u200bwidth")).isFalse();
        assertThat(Usernames.valid("bidi\u202eevil")).isFalse();
        assertThat(Usernames.valid(null)).isFalse();
        assertThat(Usernames.valid("ada.lovelace-1_x")).isTrue();
    }

    @Test
    void the_registry_stores_the_sha256_of_the_key_and_never_the_name() {
        assertThat(Usernames.key("Ada")).isEqualTo("ada");
        // SHA-256("ada")
        assertThat(java.util.HexFormat.of().formatHex(Usernames.keyDigest("Ada")))
                .isEqualTo("fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029");
    }
}
