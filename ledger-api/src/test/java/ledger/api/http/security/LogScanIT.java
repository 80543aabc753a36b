package ledger.api.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.TestJwt;

/**
 * A full flow, good and bad requests alike, whose personal values all carry one unique marker:
 * neither the logs nor any error body may contain the marker, a token or the master key.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogScanIT extends IntegrationTest {

    @Test
    void no_personal_data_token_or_key_reaches_a_log_line_or_an_error_body(CapturedOutput output) {
        String marker = "Lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String jwt = TestJwt.valid("log-scan-client", "PORTAL");
        List<Api.Response> errors = new ArrayList<>();

        UUID id = api().register("user" + marker);
        api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\"doc" + marker + "\"}");
        api().patch("/api/v1/members/" + id + "/profile", "{\"email\":\"new" + marker + "@example.org\"}");
        api().get("/api/v1/members/" + id);
        api().get("/api/v1/members/" + id + "/register-extract");
        api().post("/api/v1/contact-cases", "{\"name\":\"" + marker + "\",\"email\":\"" + marker
                + "@example.org\",\"message\":\"" + marker + "\"}");
        errors.add(api().post("/api/v1/members", Api.registration("user" + marker, marker)));
        errors.add(api().patch("/api/v1/members/" + id + "/profile", "{\"username\":\"x" + marker + "\"}"));
        errors.add(api().patch("/api/v1/members/" + id + "/profile", "{\"email\":\"bad " + marker + "\"}"));
        errors.add(api().post("/api/v1/members", "{\"username\":\"" + marker + "\",\"x\":"));
        errors.add(api().post("/api/v1/members", "{\"username\":\"" + marker + "\",\"unknown\":\"" + marker + "\"}"));
        errors.add(api().post("/api/v1/members", "{\"username\":" + marker.length() + ",\"givenName\":\""
                + marker + "\"}"));
        errors.add(api().post("/api/v1/members/" + id + "/consents", "{\"purpose\":\"" + marker
                + "\",\"policyVersion\":\"2019-01-05\"}"));
        errors.add(api().header("X-Purpose", marker + " !").get("/api/v1/members/" + id));
        errors.add(api().as(Api.AUDITOR).get("/api/v1/audit/consents?from=" + marker));
        errors.add(api().as(jwt + "x").get("/api/v1/members/" + id));
        errors.add(api().as(Api.PORTAL + marker).get("/api/v1/members/" + id));
        api().as(jwt).post("/api/v1/members", Api.registration("jwt" + marker, marker + "J"));
        api().as(Api.DPM).post("/api/v1/members/" + id + "/erasure", "{\"ground\":\"MEMBER_REQUEST\",\"reason\":\""
                + marker + "\"}");

        for (Api.Response error : errors) {
            assertThat(error.status()).isBetween(400, 499);
            assertThat(error.body()).doesNotContainIgnoringCase(marker).doesNotContain(jwt);
        }
        String logs = output.getAll();
        assertThat(logs).doesNotContainIgnoringCase(marker);
        for (String secret : List.of(Api.PORTAL, Api.AUDITOR, Api.DPM, Api.ADMIN, jwt, TEST_MASTER_KEY,
                TEST_JWT_SECRET)) {
            assertThat(logs).doesNotContain(secret);
        }
    }
}
