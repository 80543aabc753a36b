package ledger.api.http.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.StatementsPerMember;

/**
 * The DPM finds a person by e-mail (requests arrive by e-mail) or username, through a keyed blind
 * index: found in any case, by a current or an earlier address, each find in the read audit; nothing
 * after the erasure; no plain hash of an address in the database; nobody but the DPM may ask.
 */
class MemberLookupIT extends IntegrationTest {

    private static String email(String username) {
        return "mail" + username + "@example.org";
    }

    private Api.Response lookup(String json) {
        return api().as(Api.DPM).post("/api/v1/members/lookup", json);
    }

    private List<String> found(String field, String value) {
        Api.Response response = lookup("{\"" + field + "\":\"" + value + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return toList(response.json().path("memberIds"));
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void the_dpm_finds_a_member_by_email_in_any_case_and_by_username_and_each_find_is_recorded() {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        assertThat(found("email", " " + email(username).toUpperCase(java.util.Locale.ROOT) + " "))
                .containsExactly(member.toString());
        assertThat(found("username", username.toUpperCase(java.util.Locale.ROOT))).containsExactly(member.toString());
        assertThat(found("email", "nobody-" + username + "@example.org")).isEmpty();

        JsonNode accesses = api().as(Api.DPM).get("/api/v1/members/" + member + "/accesses").json();
        assertThat(accesses.findValuesAsText("resource")).containsExactly("member-lookup", "member-lookup");
        assertThat(accesses.findValuesAsText("accessorRole")).containsOnly("DPM");
    }

    @Test
    void a_registrations_username_and_address_enter_the_index_in_one_statement() {
        try (StatementsPerMember index = new StatementsPerMember(jdbc, "member_lookup")) {
            String username = Api.uniqueUsername();
            UUID member = api().register(username);

            assertThat(index.rowsPerStatement(member)).containsExactly(2);
            assertThat(found("email", email(username))).containsExactly(member.toString());
            assertThat(found("username", username)).containsExactly(member.toString());
        }
    }

    @Test
    void an_earlier_address_finds_the_member_until_the_erasure_and_nothing_does_after_it() {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        String newer = "new" + email(username);
        assertThat(api().patch("/api/v1/members/" + member + "/profile", "{\"email\":\"" + newer + "\"}").status())
                .isEqualTo(200);
        assertThat(found("email", newer)).containsExactly(member.toString());
        assertThat(found("email", email(username))).as("the events still hold it (Art. 15(3))")
                .containsExactly(member.toString());

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        assertThat(found("email", newer)).isEmpty();
        assertThat(found("email", email(username))).isEmpty();
        assertThat(found("username", username)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_lookup WHERE member_id = ?", Long.class, member))
                .isZero();
    }

    @Test
    void two_members_with_one_address_are_both_found() {
        String username = Api.uniqueUsername();
        UUID first = api().register(username);
        UUID second = api().register(Api.uniqueUsername());
        assertThat(api().patch("/api/v1/members/" + second + "/profile", "{\"email\":\"" + email(username) + "\"}")
                .status()).isEqualTo(200);
        assertThat(found("email", email(username))).containsExactlyInAnyOrder(first.toString(), second.toString());
    }

    @Test
    void the_index_holds_no_plain_hash_of_an_address_or_a_name() throws Exception {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        List<byte[]> digests = jdbc.queryForList("SELECT digest FROM member_lookup WHERE member_id = ?", byte[].class,
                member);
        assertThat(digests).hasSize(2);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<String> guesses = List.of(email(username), "email|" + email(username), username, "username|" + username,
                username.toLowerCase(java.util.Locale.ROOT));
        for (byte[] digest : digests) {
            for (String guess : guesses) {
                assertThat(HexFormat.of().formatHex(digest)).as(guess).isNotEqualTo(HexFormat.of().formatHex(
                        sha256.digest(guess.getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    @Test
    void only_the_dpm_may_look_up_and_exactly_one_field_is_given() {
        assertThat(api().as(Api.PORTAL).post("/api/v1/members/lookup", "{\"email\":\"a@example.org\"}").status())
                .isEqualTo(403);
        assertThat(api().as(Api.AUDITOR).post("/api/v1/members/lookup", "{\"email\":\"a@example.org\"}").status())
                .isEqualTo(403);
        assertThat(api().as(null).post("/api/v1/members/lookup", "{\"email\":\"a@example.org\"}").status())
                .isEqualTo(401);
        Api.Response both = lookup("{\"email\":\"a@example.org\",\"username\":\"abc\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.contentType()).startsWith("application/problem+json");
        assertThat(lookup("{}").status()).isEqualTo(400);
        assertThat(lookup("{\"email\":\"" + "a".repeat(300) + "@example.org\"}").status()).isEqualTo(400);
    }
}
