package ledger.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID provider for the console's sign-in, on the JDK's HTTP server (127.0.0.1, any free port):
 * discovery, an RSA JWKS, an authorization endpoint that shows a sign-in form on the issuer's site
 * whose submission approves as the person a test has chosen ({@link #signInAs}) and sends the
 * browser back with a code and the state, and a token
 * endpoint that checks the client's secret, the code (once), the redirect URI and PKCE, then answers
 * an RS256 ID token with the request's nonce and the roles claim. One per test JVM, like
 * {@link NotificationReceiver}: the integration tests' console is configured with it.
 */
public final class StubIssuer {

    public static final String CLIENT_ID = "ledger-console";
    /** A test value only. */
    public static final String CLIENT_SECRET = "stub-issuer-client-secret-for-tests-only";

    /**
     * The person signed in at the issuer: {@code roles} is the roles claim as it will be (a list, a
     * string, or {@code null} for none); {@code nonce} replaces the request's nonce when not null.
     */
    public record Person(String subject, String preferredUsername, Object roles, String nonce) {

        public static Person of(String subject, String preferredUsername, Object roles) {
            return new Person(subject, preferredUsername, roles, null);
        }

        public Person withNonce(String replacement) {
            return new Person(subject, preferredUsername, roles, replacement);
        }
    }

    private record Grant(String clientId, String redirectUri, String nonce, String codeChallenge, Person person) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubIssuer instance;

    private final HttpServer server;
    private final RSAKey key;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile Person person = Person.of("stub-subject", null, List.of("DPM"));
    private volatile Map<String, String> lastAuthorization = Map.of();

    private StubIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stub-key-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/approve", this::approve);
        server.createContext("/token", this::token);
        server.createContext("/link", this::link);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "stub-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static synchronized StubIssuer get() {
        if (instance == null) {
            instance = new StubIssuer();
        }
        return instance;
    }

    /** {@code http://127.0.0.1:<port>}: another site than the console's {@code localhost}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the issuer approves from now on (tests run one at a time). */
    public void signInAs(Person who) {
        person = Objects.requireNonNull(who);
    }

    /** The query parameters of the last authorization request the issuer received. */
    public Map<String, String> lastAuthorization() {
        return lastAuthorization;
    }

    /**
     * A page of the issuer's site with one link ({@code ?to=}): following it is a cross-site
     * navigation, which a browser makes without SameSite=Strict cookies.
     */
    public String link(String to) {
        return issuer() + "/link?to=" + encode(to);
    }

    private void link(HttpExchange exchange) throws IOException {
        String to = form(exchange.getRequestURI().getRawQuery()).getOrDefault("to", "/");
        sendHtml(exchange, "<!DOCTYPE html><html lang=\"en\"><head><title>Issuer</title></head><body>"
                + "<a id=\"to\" href=\"" + html(to) + "\">Back to the console</a></body></html>");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void sendHtml(HttpExchange exchange, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer());
        metadata.put("authorization_endpoint", issuer() + "/authorize");
        metadata.put("token_endpoint", issuer() + "/token");
        metadata.put("jwks_uri", issuer() + "/jwks");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("grant_types_supported", List.of("authorization_code"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("scopes_supported", List.of("openid", "profile"));
        send(exchange, 200, JSON.writeValueAsString(metadata));
    }

    /**
     * The issuer's sign-in page, as a real one shows it: a form on the issuer's own site that the
     * person submits. That submission, not the console, starts the navigation back to the callback,
     * so in every browser the callback is a cross-site request (Chromium, for one, judges a redirect
     * chain by the site that started it).
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        lastAuthorization = Map.copyOf(query);
        if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || query.get("redirect_uri") == null || !query.getOrDefault("scope", "").contains("openid")) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Stub issuer</title>"
                + "</head><body><h1>Sign in</h1><form method=\"post\" action=\"/approve\">");
        for (Map.Entry<String, String> field : query.entrySet()) {
            page.append("<input type=\"hidden\" name=\"").append(html(field.getKey())).append("\" value=\"")
                    .append(html(field.getValue())).append("\" />");
        }
        page.append("<button type=\"submit\" id=\"approve\">Sign in</button></form></body></html>");
        sendHtml(exchange, page.toString());
    }

    /** The person approved: a code for the request, and back to the client (303: a GET, as after a form). */
    private void approve(HttpExchange exchange) throws IOException {
        Map<String, String> request;
        try (InputStream in = exchange.getRequestBody()) {
            request = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String redirectUri = request.get("redirect_uri");
        if (!"POST".equals(exchange.getRequestMethod()) || !CLIENT_ID.equals(request.get("client_id"))
                || redirectUri == null) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = token(24);
        codes.put(code, new Grant(CLIENT_ID, redirectUri, request.get("nonce"), request.get("code_challenge"), person));
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (request.containsKey("state") ? "&state=" + encode(request.get("state")) : "");
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !clientAuthenticated(exchange)) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = body.get("code") == null ? null : codes.remove(body.get("code"));
        if (grant == null || !"authorization_code".equals(body.get("grant_type"))
                || !grant.redirectUri().equals(body.get("redirect_uri")) || !pkce(grant, body.get("code_verifier"))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        Person who = grant.person();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(who.subject())
                .audience(grant.clientId())
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("nonce", who.nonce() != null ? who.nonce() : grant.nonce());
        if (who.preferredUsername() != null) {
            claims.claim("preferred_username", who.preferredUsername());
        }
        if (who.roles() != null) {
            claims.claim("roles", who.roles());
        }
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            idToken.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token(24));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("scope", "openid profile");
        answer.put("id_token", idToken.serialize());
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    /** client_secret_basic: the id and secret form-encoded, then in Basic (RFC 6749, 2.3.1). */
    private static boolean clientAuthenticated(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon > 0 && CLIENT_ID.equals(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8))
                && CLIENT_SECRET.equals(URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
    }

    /** With a code challenge (S256), the token request must bring its verifier. */
    private static boolean pkce(Grant grant, String verifier) {
        if (grant.codeChallenge() == null) {
            return true;
        }
        if (verifier == null) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(grant.codeChallenge());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The issuer's host and port, to tell its site from the console's. */
    public URI uri() {
        return URI.create(issuer());
    }
}
