package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * The served OpenAPI description lists the contract's endpoints and is complete enough for clients
 * to trust: feature names, descriptions, examples, errors, security. The document is written to
 * {@code target/openapi.json}, which {@code .ci/run} lints with Redocly CLI as well.
 */
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

    private JsonNode document() throws IOException {
        Api.Response response = api().as(null).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        Path file = Path.of("target", "openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, response.body());
        return response.json();
    }

    @Test
    void schemas_are_named_by_feature_and_each_has_a_description_and_an_example() throws IOException {
        JsonNode schemas = document().get("components").get("schemas");
        List<String> names = new ArrayList<>();
        schemas.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("MemberRegistration", "ErasureReceipt", "Problem")
                .doesNotContain("Open", "Opened", "Status", "Result", "Erased", "Receipt", "Register");
        assertThat(names).allMatch(n -> n.matches("[A-Z][A-Za-z0-9]+"), "plain feature names");
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = it.next();
            assertThat(schema.getValue().path("description").asText()).as(schema.getKey()).isNotBlank();
            assertThat(schema.getValue().has("example")).as(schema.getKey() + " example").isTrue();
        }
    }

    @Test
    void every_operation_has_a_summary_a_description_an_example_and_documented_problems() throws IOException {
        JsonNode document = document();
        assertThat(document.path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(document.path("security").isArray()).isTrue();
        assertThat(document.path("info").path("description").asText()).isNotBlank();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            assertThat(path.getKey()).doesNotStartWith("/error");
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                operations++;
                assertThat(operation.path("summary").asText()).as(name).isNotBlank();
                assertThat(operation.path("description").asText()).as(name).isNotBlank();
                assertThat(operation.path("operationId").asText()).as(name).isNotBlank();
                JsonNode responses = operation.get("responses");
                for (String status : List.of("400", "401", "403", "500", "503")) {
                    JsonNode problem = resolve(document, responses.path(status));
                    assertThat(problem.path("content").path("application/problem+json").path("schema").path("$ref")
                            .asText()).as(name + " " + status).isEqualTo("#/components/schemas/Problem");
                }
                if (operation.has("requestBody")) {
                    JsonNode body = operation.get("requestBody").path("content").path("application/json");
                    assertThat(body.has("example") || resolveSchema(document, body.path("schema")).has("example"))
                            .as(name + " request example").isTrue();
                    assertThat(responses.has("415")).as(name + " 415").isTrue();
                }
                boolean success = false;
                for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                    success |= codes.next().startsWith("2");
                }
                assertThat(success).as(name + " success response").isTrue();
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(28);
        assertThat(document.at("/paths/~1api~1v1~1members/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1members~1{memberId}~1legal-holds~1{holdId}/delete/responses")
                .has("204")).isTrue();
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/components/responses/")) {
            return document.path("components").path("responses").path(ref.substring("#/components/responses/".length()));
        }
        return node;
    }

    private static JsonNode resolveSchema(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
