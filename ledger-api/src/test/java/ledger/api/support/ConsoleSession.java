package ledger.api.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the console, at the HTTP level: the session cookie kept by hand (so a
 * test sees its flags), the CSRF token taken from the page's forms, no redirect followed.
 */
public final class ConsoleSession {

    public static final String COOKIE = "LEDGER_CONSOLE";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final int port;
    private String cookie;
    private String csrf;

    public ConsoleSession(int port) {
        this.port = port;
    }

    /** Signs in with a token through the form; answers the sign-in's response (a redirect). */
    public HttpResponse<byte[]> signIn(String token) {
        get("/console/sign-in");
        HttpResponse<byte[]> response = post("/console/sign-in", Map.of("token", token));
        // signing in replaces the CSRF token: take the new one from a page's form
        get("/console/sign-in");
        return response;
    }

    /** A session signed in with this token, or an anonymous one for {@code null}. */
    public static ConsoleSession as(int port, String token) {
        ConsoleSession session = new ConsoleSession(port);
        if (token == null) {
            session.get("/console/sign-in");
        } else {
            session.signIn(token);
        }
        return session;
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path, null);
    }

    public HttpResponse<byte[]> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept), path, null);
    }

    /** A form post carrying the session's CSRF token. */
    public HttpResponse<byte[]> post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null && !fields.containsKey("_csrf")) {
            fields.put("_csrf", csrf);
        }
        return postRaw(path, fields);
    }

    /** A form post exactly as given (e.g. without a CSRF token). */
    public HttpResponse<byte[]> postRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded"), path, body);
    }

    public HttpResponse<byte[]> send(String method, String path) {
        if ("POST".equals(method)) {
            return post(path, Map.of());
        }
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()), path, null);
    }

    public String cookie() {
        return cookie;
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    public static List<String> setCookies(HttpResponse<byte[]> response) {
        return response.headers().allValues("Set-Cookie");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String path, String body) {
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (String header : setCookies(response)) {
                if (header.startsWith(COOKIE + "=")) {
                    String value = header.substring(COOKIE.length() + 1, header.indexOf(';') < 0 ? header.length()
                            : header.indexOf(';'));
                    cookie = value.isEmpty() ? null : value;
                }
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("text/html")) {
                Matcher m = CSRF.matcher(text(response));
                if (m.find()) {
                    csrf = m.group(1);
                }
            }
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
