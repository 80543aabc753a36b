package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * Members kept between commands (MemberCache) hold what a load would give: never the sealed values an
 * erasure loads the member with, and never a state another command rolled back.
 */
class MemberCacheIT extends IntegrationTest {

    @Autowired
    MemberCache cache;

    @Test
    void commands_after_a_deferred_erasure_see_the_members_data_not_the_sealed_values_the_erasure_loaded() {
        String username = Api.uniqueUsername();
        UUID member = api().register(username);
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/legal-holds",
                "{\"ground\":\"LEGAL_CLAIMS\",\"reason\":\"dispute\"}").status()).isEqualTo(201);
        // the erasure loads the member from the store, sealed (no key unwrapped), and the hold defers it
        cache.removeAll();
        Api.Response erasure = api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                "{\"ground\":\"MEMBER_REQUEST\"}");
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(409);
        assertThat(erasure.json().get("erasureDeferred").asBoolean()).isTrue();
        assertThat(storedEventTypes(member)).doesNotContain("MemberErased");

        // the same username and e-mail again: no change, and no refusal for a username that "changed"
        Api.Response unchanged = api().patch("/api/v1/members/" + member + "/profile",
                "{\"username\":\"" + username + "\",\"email\":\"mail" + username + "@example.org\"}");
        assertThat(unchanged.status()).as(unchanged.body()).isBetween(200, 299);
        assertThat(storedEventTypes(member)).doesNotContain("ProfileEdited");
    }

    @Test
    void a_member_is_kept_after_its_command_and_its_next_command_needs_no_load() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(cache.containsKey(member.toString())).as("kept after the registration").isTrue();
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"cached\"}").status())
                .isEqualTo(201);
        assertThat(cache.containsKey(member.toString())).isTrue();
        assertThat(storedEventTypes(member)).endsWith("DocumentDownloaded");
    }
}
