package ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/** The served OpenAPI description lists the contract's endpoints. */
class OpenApiIT extends IntegrationTest {

    @Test
    void the_openapi_description_is_served_and_lists_the_portal_endpoints() {
        Api.Response response = api().as(null).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");
        assertThat(paths.has("/api/v1/members")).isTrue();
        assertThat(paths.get("/api/v1/members").has("post")).isTrue();
        assertThat(paths.has("/api/v1/members/{memberId}/consents")).isTrue();
        assertThat(paths.has("/api/v1/members/{memberId}/consents/withdrawals")).isTrue();
        assertThat(paths.has("/api/v1/members/{memberId}/downloads")).isTrue();
        assertThat(paths.get("/api/v1/members/{memberId}/profile").has("patch")).isTrue();
        assertThat(paths.has("/api/v1/members/{memberId}/membership-end")).isTrue();
        assertThat(paths.get("/api/v1/members/{memberId}").has("get")).isTrue();
        assertThat(paths.has("/api/v1/contact-cases")).isTrue();
        assertThat(paths.has("/api/v1/contact-cases/{caseId}/closure")).isTrue();
    }
}
