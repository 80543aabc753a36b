package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** Every read of personal data is recorded with who, when, which member and why. */
class ReadAuditIT extends IntegrationTest {

    @Test
    void a_read_of_personal_data_needs_a_declared_purpose() {
        UUID id = api().register(Api.uniqueUsername());
        Api.Response without = api().withoutPurpose().get("/api/v1/members/" + id);
        assertThat(without.status()).isEqualTo(400);
        assertThat(without.json().get("type").asText()).isEqualTo("urn:ledger:problem:purpose-required");
        assertThat(api().withoutPurpose().get("/api/v1/members/" + id + "/register-extract").status()).isEqualTo(400);
        assertThat(api().header("X-Purpose", "Bad Purpose!").get("/api/v1/members/" + id).status()).isEqualTo(400);
        assertThat(storedEventTypes(id)).doesNotContain("RegisterExtractIssued");
        assertThat(api().as(Api.DPM).get("/api/v1/members/" + id + "/accesses").json()).isEmpty();
    }

    @Test
    void each_revealing_read_is_listed_for_the_dpm_and_named_in_the_register_extract() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().header("X-Purpose", "member-support").get("/api/v1/members/" + id).status()).isEqualTo(200);
        assertThat(api().withoutPurpose().patch("/api/v1/members/" + id + "/profile", "{\"company\":\"C2\"}")
                .status()).isEqualTo(200);
        Api.Response extract = api().as(Api.DPM).header("X-Purpose", "art15-request")
                .get("/api/v1/members/" + id + "/register-extract");
        assertThat(extract.status()).isEqualTo(200);

        JsonNode accesses = api().as(Api.DPM).get("/api/v1/members/" + id + "/accesses").json();
        assertThat(accesses).hasSize(3);
        assertThat(accesses.get(0).get("accessorPrincipal").asText()).isEqualTo("static:PORTAL#1");
        assertThat(accesses.get(0).get("accessorRole").asText()).isEqualTo("PORTAL");
        assertThat(accesses.get(0).get("purpose").asText()).isEqualTo("member-support");
        assertThat(accesses.get(0).get("resource").asText()).isEqualTo("member-view");
        assertThat(accesses.get(0).get("at").asText()).isNotBlank();
        assertThat(accesses.get(1).get("purpose").asText()).isEqualTo("rectification");
        assertThat(accesses.get(2).get("accessorRole").asText()).isEqualTo("DPM");
        assertThat(accesses.get(2).get("purpose").asText()).isEqualTo("art15-request");
        assertThat(accesses.get(2).get("resource").asText()).isEqualTo("register-extract");

        JsonNode named = extract.json().get("accesses");
        assertThat(named).hasSize(3);
        assertThat(named.get(2).get("purpose").asText()).isEqualTo("art15-request");
    }

    @Test
    void a_read_of_an_erased_member_is_recorded_without_personal_data() {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}");
        Api.Response view = api().as(Api.DPM).header("X-Purpose", "audit").get("/api/v1/members/" + id);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body()).doesNotContain(username);
        Api.Response accesses = api().as(Api.DPM).get("/api/v1/members/" + id + "/accesses");
        assertThat(accesses.json()).hasSize(1);
        assertThat(accesses.body()).doesNotContain(username);
    }

    @Test
    void responses_carry_security_headers() {
        Api.Response response = api().get("/api/v1/members/" + UUID.randomUUID());
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
