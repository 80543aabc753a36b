package ledger.api.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ledger.api.support.IntegrationTest;

/**
 * The portal's client (ledger-client) is generated from ledger-client/src/main/openapi/ledger-api.json:
 * that file must be the description the service serves, or the client drifts from the API. Only
 * {@code servers} differs (it names the port the description was fetched from). To refresh it, start
 * the service and save {@code GET /v3/api-docs} there (README, "The portal's Java client").
 */
class OpenApiFileIT extends IntegrationTest {

    private static final Path FILE = Path.of("..", "ledger-client", "src", "main", "openapi", "ledger-api.json");

    @Test
    void the_client_s_description_is_the_one_the_service_serves() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode served = (ObjectNode) json.readTree(api().as(null).get("/v3/api-docs").body());
        ObjectNode kept = (ObjectNode) json.readTree(Files.readString(FILE));
        served.remove("servers");
        kept.remove("servers");
        assertThat(kept.equals(served)).as("%s differs from the served /v3/api-docs: refresh it", FILE.normalize())
                .isTrue();
    }
}
