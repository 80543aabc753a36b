package ledger.api.http.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ledger.api.infrastructure.log.VerifyCommand;
import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * A member's lifecycle certificate, fetched over HTTP and checked offline with the public key alone:
 * intact before and after the erasure, and every alteration an operator could make to it is refused
 * with what was altered.
 */
class MemberCertificateIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run verify(String certificate, String... witnessKeys) throws Exception {
        Path file = Files.writeString(dir.resolve("certificate-" + UUID.randomUUID() + ".json"), certificate);
        Path key = Files.writeString(dir.resolve("log.vkey"),
                api().as(Api.AUDITOR).get("/api/v1/ledger/public-key").body());
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--certificate", file.toString(),
                "--public-key", key.toString()));
        for (String witnessKey : witnessKeys) {
            Path witness = Files.writeString(dir.resolve("witness-" + UUID.randomUUID() + ".vkey"), witnessKey);
            args.addAll(java.util.List.of("--witness-key", witness.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args.toArray(String[]::new), java.util.Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private String certificate(UUID member) {
        Api.Response response = api().as(Api.AUDITOR).get("/api/v1/members/" + member + "/certificate");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void a_members_certificate_verifies_offline_before_and_after_the_erasure() throws Exception {
        String marker = "Cert" + UUID.randomUUID().toString().substring(0, 8);
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"doc-" + marker + "\"}")
                .status()).isEqualTo(201);

        String before = certificate(member);
        JsonNode parsed = JSON.readTree(before);
        assertThat(parsed.path("format").asText()).isEqualTo("ledger-member-certificate/v1");
        assertThat(parsed.path("events")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(parsed.path("consentReceipts")).hasSize(2);
        assertThat(parsed.path("erasure").isNull()).isTrue();
        assertThat(before).as("no personal data").doesNotContain(marker);
        Run intact = verify(before);
        assertThat(intact.exit()).as(intact.out()).isEqualTo(VerifyCommand.INTACT);
        assertThat(intact.out()).contains("OK member " + member).contains("not erased");

        assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}")
                .status()).isEqualTo(200);
        String after = await().atMost(Duration.ofSeconds(30)).until(() -> certificate(member),
                c -> tree(c).path("erasure").path("ground").isTextual());
        JsonNode erased = JSON.readTree(after);
        assertThat(erased.path("erasure").path("ground").asText()).isEqualTo("MEMBER_REQUEST");
        Run stillIntact = verify(after);
        assertThat(stillIntact.exit()).as(stillIntact.out()).isEqualTo(VerifyCommand.INTACT);
        assertThat(stillIntact.out()).contains(" erased");

        // the list of erasures places the erasure in the log
        JsonNode listed = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode item : api().as(Api.DPM).get("/api/v1/erasures?limit=1000").json()) {
                if (member.toString().equals(item.path("subjectId").asText())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null && item.path("checkpointSize").isNumber());
        assertThat(listed.path("eventId").asText()).isEqualTo(erased.path("erasure").path("eventId").asText());
        assertThat(listed.path("leafIndex").asLong()).isEqualTo(erased.path("erasure").path("leafIndex").asLong());
        assertThat(listed.path("checkpointSize").asLong()).isGreaterThan(listed.path("leafIndex").asLong());
    }

    @Test
    void every_alteration_of_a_certificate_is_refused_saying_what() throws Exception {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + member + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + member + "/downloads", "{\"documentId\":\"d\"}").status())
                .isEqualTo(201);
        String certificate = certificate(member);
        assertThat(verify(certificate).exit()).isEqualTo(VerifyCommand.INTACT);

        assertAltered(certificate, c -> event(c, 1).put("timeStamp", "2019-01-05T00:00:00Z"), "leaf hash");
        assertAltered(certificate, c -> event(c, 1).put("payloadSha256", "0".repeat(64)), "leaf hash");
        assertAltered(certificate, c -> ((ArrayNode) c.path("events")).remove(1), "sequence number");
        assertAltered(certificate, c -> {
            ArrayNode proof = (ArrayNode) event(c, 0).path("inclusionProof");
            proof.set(0, JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(new byte[32])));
        }, "inclusion proof");
        assertAltered(certificate, c -> event(c, 0).put("aggregateIdentifier", UUID.randomUUID().toString()),
                "not an event of member");
        assertAltered(certificate, c -> c.put("checkpoint", c.path("checkpoint").asText().replaceFirst("\n[0-9]+\n",
                "\n1\n")), "checkpoint");
        assertAltered(certificate, c -> {
            ObjectNode receipt = (ObjectNode) c.path("consentReceipts").get(1);
            String[] parts = receipt.path("jws").asText().split("\\.");
            // one more field in the signed receipt: the payload is no longer what the key signed
            String signed = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            String payload = signed.substring(0, signed.lastIndexOf('}')) + ",\"note\":\"added\"}";
            receipt.put("jws", parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        }, "JWS signature");
        assertAltered(certificate, c -> ((ObjectNode) c.path("consentReceipts").get(0)).put("consentId",
                UUID.randomUUID().toString()), "another member or consent");
        assertAltered(certificate, c -> c.put("memberId", UUID.randomUUID().toString()), "not an event of member");

        String witnessKey = new ledger.core.log.Cosigner("witness.test/never", ledger.core.log.NoteSigner.generateSeed())
                .verifierKey();
        Run uncosigned = verify(certificate, witnessKey);
        assertThat(uncosigned.exit()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(uncosigned.out()).contains("no cosignature of witness witness.test/never");
    }

    @Test
    void the_certificate_is_for_the_dpm_and_auditors_only_and_unknown_members_have_none() {
        UUID member = api().register(Api.uniqueUsername());
        assertThat(api().as(Api.PORTAL).get("/api/v1/members/" + member + "/certificate").status()).isEqualTo(403);
        assertThat(api().as(Api.DPM).get("/api/v1/members/" + member + "/certificate").status()).isEqualTo(200);
        Api.Response unknown = api().as(Api.AUDITOR).get("/api/v1/members/" + UUID.randomUUID() + "/certificate");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode event(ObjectNode certificate, int index) {
        return (ObjectNode) certificate.path("events").get(index);
    }

    private void assertAltered(String certificate, Consumer<ObjectNode> alteration, String says) throws Exception {
        ObjectNode copy = (ObjectNode) JSON.readTree(certificate);
        alteration.accept(copy);
        Run run = verify(JSON.writeValueAsString(copy));
        assertThat(run.exit()).as(run.out()).isEqualTo(VerifyCommand.ALTERED);
        assertThat(run.out()).startsWith("ALTERED").contains(says);
    }
}
