package ledger.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for tests: raw bodies and exact status codes, nothing hidden. */
public final class Api {

    public static final String PORTAL = "dev-portal-token";
    public static final String AUDITOR = "dev-auditor-token";
    public static final String DPM = "dev-dpm-token";
    public static final String ADMIN = "dev-admin-token";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private String token = PORTAL;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String purpose = "test-support";

    public Api(int port) {
        this.port = port;
    }

    public Api as(String token) {
        this.token = token;
        return this;
    }

    /** Reads of personal data declare a purpose; by default this client declares one. */
    public Api withoutPurpose() {
        this.purpose = null;
        return this;
    }

    public Api header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public Response send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                contentType);
    }

    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (purpose != null && !headers.containsKey("X-Purpose")) {
            request.header("X-Purpose", purpose);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registration body for a member whose fields all carry {@code marker}. */
    public static String registration(String username, String marker) {
        return """
                {"username":"%s","givenName":"Given%s","familyName":"Family%s","company":"Company%s",
                 "email":"mail%s@example.org",
                 "consents":[{"purpose":"portal-membership","policyVersion":"2019-01-05"}]}
                """.formatted(username, marker, marker, marker, marker);
    }

    public static String uniqueUsername() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    public UUID register(String username) {
        Response response = post("/api/v1/members", registration(username, username));
        if (response.status() != 201) {
            throw new IllegalStateException("registration failed: " + response);
        }
        return UUID.fromString(response.json().get("memberId").asText());
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
