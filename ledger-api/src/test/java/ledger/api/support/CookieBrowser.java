package ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Top-level navigations as a browser makes them, at the HTTP level: a cookie jar that honours
 * Path, Max-Age/Expires, Secure and SameSite, and redirects followed one hop at a time so a test
 * sees each. SameSite as browsers apply it to navigations (RFC 6265bis): a {@code Strict} cookie is
 * sent only when the initiating page and every URL of the redirect chain so far are of the target's
 * site (Chromium by default looks at the initiator and the target only: the tests' cross-site
 * requests are started on the other site, so both agree); {@code Lax} (and unmarked) cookies go with
 * every top-level GET, not with a POST from another site. A site here is scheme and
 * host, which is what it is for {@code localhost} and IP addresses, the only hosts the tests use.
 */
public final class CookieBrowser {

    public record Cookie(String name, String value, String host, String path, String sameSite, boolean httpOnly,
                         boolean secure, Instant expires) {
    }

    /** One request and its answer; {@code sent}: the names of the cookies the request carried. */
    public record Hop(URI uri, boolean sameSite, List<String> sent, HttpResponse<byte[]> response) {

        public int status() {
            return response.statusCode();
        }

        public String location() {
            return response.headers().firstValue("Location").orElse("");
        }

        public String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        /** The raw Set-Cookie header for this cookie name, if the answer set or deleted it. */
        public Optional<String> setCookie(String name) {
            return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "="))
                    .findFirst();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_REFRESH = Pattern.compile(
            "<meta http-equiv=\"refresh\" content=\"\\d+; url=([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final Map<String, Cookie> jar = new LinkedHashMap<>();
    private final boolean honoursSameSite;

    /** A browser that honours SameSite, as current ones do. */
    public CookieBrowser() {
        this(true);
    }

    /** {@code honoursSameSite} false: sends Strict cookies everywhere, as a browser from before SameSite. */
    public CookieBrowser(boolean honoursSameSite) {
        this.honoursSameSite = honoursSameSite;
    }

    /**
     * A navigation in progress, one hop per {@link #step()}: a test may look at each answer, and
     * change or drop what comes next, before the browser goes on.
     */
    public final class Navigation {

        private final List<String> chain = new ArrayList<>();
        private final List<Hop> hops = new ArrayList<>();
        private URI next;
        /** A form's body for the first request (a POST); redirects after it are GETs (302, 303). */
        private String form;

        private Navigation(String initiator, String target, String form) {
            next = URI.create(target);
            chain.add(initiator == null ? site(next) : site(URI.create(initiator)));
            this.form = form;
        }

        /** Where the browser goes next ({@code null}: the navigation has ended). */
        public URI next() {
            return next;
        }

        /** Goes somewhere else instead, within the same redirect chain. */
        public void next(URI instead) {
            next = instead;
        }

        public Hop step() {
            if (next == null) {
                throw new AssertionError("the navigation has ended");
            }
            if (hops.size() >= 10) {
                throw new AssertionError("more than ten redirects");
            }
            URI uri = next;
            String here = site(uri);
            chain.add(here);
            Hop hop = request(uri, chain.stream().allMatch(here::equals), form);
            form = null;
            hops.add(hop);
            next = hop.status() / 100 == 3 && !hop.location().isEmpty() ? uri.resolve(hop.location()) : null;
            return hop;
        }

        /** Every remaining hop; answers all hops of the navigation, the last one last. */
        public List<Hop> finish() {
            while (next != null) {
                step();
            }
            return List.copyOf(hops);
        }
    }

    /**
     * Starts a navigation to {@code target} from a page at {@code initiator} ({@code null}: typed
     * into the address bar, which counts as same-site).
     */
    public Navigation start(String initiator, String target) {
        return new Navigation(initiator, target, null);
    }

    /**
     * Submits the page's (only) POST form with its hidden fields, as the person would by pressing its
     * button: a navigation the page's site starts.
     */
    public Navigation submit(Hop page) {
        Matcher action = FORM.matcher(page.body());
        if (!action.find()) {
            throw new AssertionError("no form on " + page.uri());
        }
        List<String> fields = new ArrayList<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.add(URLEncoder.encode(unescape(hidden.group(1)), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(unescape(hidden.group(2)), StandardCharsets.UTF_8));
        }
        return new Navigation(page.uri().toString(), page.uri().resolve(unescape(action.group(1))).toString(),
                String.join("&", fields));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** A whole navigation, redirects followed; answers every hop, the last one last. */
    public List<Hop> navigate(String initiator, String target) {
        return start(initiator, target).finish();
    }

    /** Follows the page's meta refresh as the browser would: a navigation the page itself starts. */
    public List<Hop> followMetaRefresh(Hop page) {
        Matcher refresh = META_REFRESH.matcher(page.body());
        if (!refresh.find()) {
            throw new AssertionError("no meta refresh on " + page.uri());
        }
        return navigate(page.uri().toString(), page.uri().resolve(refresh.group(1)).toString());
    }

    public Optional<Cookie> cookie(String name) {
        return jar.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Replaces a kept cookie's value (a tampering test). */
    public void tamper(String name, java.util.function.UnaryOperator<String> change) {
        Cookie cookie = cookie(name).orElseThrow(() -> new AssertionError("no cookie " + name));
        jar.put(key(cookie.host(), cookie.path(), name), new Cookie(name, change.apply(cookie.value()), cookie.host(),
                cookie.path(), cookie.sameSite(), cookie.httpOnly(), cookie.secure(), cookie.expires()));
    }

    public void forget(String name) {
        jar.values().removeIf(c -> c.name().equals(name));
    }

    private Hop request(URI uri, boolean sameSite, String form) {
        Instant now = Instant.now();
        jar.values().removeIf(c -> c.expires() != null && !c.expires().isAfter(now));
        List<Cookie> sending = jar.values().stream()
                .filter(c -> c.host().equalsIgnoreCase(uri.getHost()))
                .filter(c -> pathMatches(c.path(), uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                        : uri.getRawPath()))
                .filter(c -> !c.secure() || "https".equals(uri.getScheme()))
                .filter(c -> sameSite || !honoursSameSite || sentCrossSite(c, form == null))
                .toList();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html");
        if (form == null) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (!sending.isEmpty()) {
            request.header("Cookie", sending.stream().map(c -> c.name() + "=" + c.value())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : response.headers().allValues("Set-Cookie")) {
                store(uri, header, Instant.now());
            }
            return new Hop(uri, sameSite, sending.stream().map(Cookie::name).toList(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Across sites: Strict never; Lax (and unmarked) on a top-level GET only; None always. */
    private static boolean sentCrossSite(Cookie cookie, boolean get) {
        String sameSite = cookie.sameSite() == null ? "lax" : cookie.sameSite().toLowerCase(Locale.ROOT);
        return switch (sameSite) {
            case "strict" -> false;
            case "none" -> true;
            default -> get;
        };
    }

    private void store(URI uri, String header, Instant now) {
        String[] parts = header.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        String path = null;
        String sameSite = null;
        boolean httpOnly = false;
        boolean secure = false;
        Instant expires = null;
        Long maxAge = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int at = part.indexOf('=');
            String attribute = (at < 0 ? part : part.substring(0, at)).strip().toLowerCase(Locale.ROOT);
            String argument = at < 0 ? "" : part.substring(at + 1).strip();
            switch (attribute) {
                case "path" -> path = argument.startsWith("/") ? argument : null;
                case "samesite" -> sameSite = argument;
                case "httponly" -> httpOnly = true;
                case "secure" -> secure = true;
                case "max-age" -> maxAge = Long.parseLong(argument);
                case "expires" -> expires = ZonedDateTime.parse(argument, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                default -> {
                    // Domain and others: the tests' cookies are host-only
                }
            }
        }
        if (maxAge != null) {
            expires = maxAge <= 0 ? Instant.EPOCH : now.plusSeconds(maxAge);
        }
        if (path == null) {
            String requestPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
            int slash = requestPath.lastIndexOf('/');
            path = slash <= 0 ? "/" : requestPath.substring(0, slash);
        }
        String key = key(uri.getHost(), path, name);
        if (expires != null && !expires.isAfter(now)) {
            jar.remove(key);
        } else {
            jar.put(key, new Cookie(name, value, uri.getHost(), path, sameSite, httpOnly, secure, expires));
        }
    }

    private static boolean pathMatches(String cookiePath, String requestPath) {
        return requestPath.equals(cookiePath) || requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    private static String key(String host, String path, String name) {
        return host.toLowerCase(Locale.ROOT) + " " + path + " " + name;
    }

    static String site(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
    }
}
