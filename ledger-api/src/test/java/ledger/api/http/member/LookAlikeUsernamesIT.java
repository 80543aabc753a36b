package ledger.api.http.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.infrastructure.axon.UsernameKeyBackfill;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Look-alike usernames are one name: the second registration is 409; NFD input is normalised, not refused. */
class LookAlikeUsernamesIT extends IntegrationTest {

    /** A suffix of plain ASCII letters, so that every test run has names of its own. */
    private static String suffix() {
        // one UUID has fewer than six of them now and then (CI failed on it once)
        StringBuilder letters = new StringBuilder();
        while (letters.length() < 6) {
            letters.append(UUID.randomUUID().toString().replaceAll("[^a-f]", ""));
        }
        return "_" + letters.substring(0, 6);
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource({
            "\u0430daqz, adaqz",
            "M\u0130LA, mila",
            "\u03c3\u03b9\u03c2, \u03c3\u03b9\u03c3",
            "user\u0661, user1",
            "JOS\u00c9, Jose\u0301",
            "\uff41\uff44\uff41, ada"})
    void a_look_alike_of_a_registered_username_is_409_and_stores_nothing(String lookAlike, String first) {
        String tail = suffix();
        api().register(first + tail);
        long before = eventCount();
        Api.Response second = api().post("/api/v1/members", Api.registration(lookAlike + tail, "L"));
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("type").asText()).isEqualTo("urn:ledger:problem:username-taken");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void a_username_in_nfd_is_registered_in_nfc() {
        String tail = suffix();
        UUID id = api().register("Jose\u0301" + tail);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api().get("/api/v1/members/" + id).status() == 200);
        Api.Response view = api().get("/api/v1/members/" + id);
        assertThat(view.json().get("username").asText()).isEqualTo("Jos\u00e9" + tail);
    }

    @Autowired
    UsernameKeyBackfill backfill;

    @Test
    void a_claim_made_before_the_look_alike_key_gets_it_from_the_registration_event() {
        String tail = suffix();
        UUID id = api().register("adaqz" + tail);
        jdbc.update("UPDATE username_claim SET username_key = NULL WHERE member_id = ?", id);
        assertThat(backfill.run()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT username_key IS NOT NULL FROM username_claim WHERE member_id = ?",
                Boolean.class, id)).isTrue();
        Api.Response lookAlike = api().post("/api/v1/members", Api.registration("\u0430daqz" + tail, "B"));
        assertThat(lookAlike.status()).as(lookAlike.body()).isEqualTo(409);
    }
}
