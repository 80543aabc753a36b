package ledger.api.http.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.application.idempotency.IdempotencyStore;

/**
 * {@code Idempotency-Key} on POST and PATCH: the same key with the same request replays the first
 * answer (its status and {@code Location}; its body only where the endpoint is a
 * {@link ReplayableAnswer}, since a stored body would be a copy of personal data outside every
 * purpose check and erasure) and records nothing new; the same key with another request is refused with 422. Keys are
 * scoped per caller. Runs after authentication, so only authenticated requests reserve keys.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern SUBJECT_IN_PATH =
            Pattern.compile("/api/v1/(?:members|contact-cases)/([0-9a-fA-F-]{36})");
    private static final Pattern REQUEST_IN_PATH = Pattern.compile("^/api/v1/requests/([0-9a-fA-F-]{36})(?:/|$)");
    private static final String REGISTRATION = "/api/v1/members";

    private final IdempotencyStore store;
    private final ProblemResponses problems;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, ProblemResponses problems, ObjectMapper json) {
        this.store = store;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !("POST".equals(method) || "PATCH".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VISIBLE_ASCII.matcher(key).matches()) {
            problems.write(response, ProblemResponses.withErrors(ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                    "invalid-idempotency-key", "Invalid request", "Idempotency-Key must be 1-128 visible ASCII characters"),
                    Map.of(HEADER, "1-128 visible ASCII characters")));
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        if (caller == null || !caller.isAuthenticated() || cached == null) {
            chain.doFilter(request, response);
            return;
        }
        String callerName = caller.getName();
        byte[] fingerprint = fingerprint(request, cached.body());
        JsonNode body = jsonBody(cached.body());
        try {
            UUID subject = subjectBefore(request.getRequestURI(), body);
            if (!store.reserve(callerName, key, fingerprint, subject)) {
                replay(store.find(callerName, key), fingerprint, subject, request, response, chain, callerName, key,
                        body);
                return;
            }
        } catch (DataAccessException e) {
            // the store is unreachable: answer 503 like every other path, never a 500
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(response, ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "Service unavailable", "the store is unavailable; retry later"));
            return;
        }
        run(request, response, chain, callerName, key, body);
    }

    private void replay(Optional<IdempotencyStore.Stored> found, byte[] fingerprint, UUID subject,
                        HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
                        String key, JsonNode body) throws IOException, ServletException {
        if (found.isEmpty()) {
            // Released between our insert and read (the first attempt failed, or an erasure deleted it): try as new.
            if (store.reserve(caller, key, fingerprint, subject)) {
                run(request, response, chain, caller, key, body);
            } else {
                problems.write(response, inProgress());
            }
            return;
        }
        IdempotencyStore.Stored stored = found.get();
        if (!store.sameRequest(stored, fingerprint)) {
            problems.write(response, ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency key reused", "this Idempotency-Key was used with another request"));
            return;
        }
        if (!stored.completed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(response, inProgress());
            return;
        }
        response.setStatus(stored.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static ProblemDetail inProgress() {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "idempotency-in-progress", "Request in progress",
                "a request with this Idempotency-Key is still being processed");
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller,
                     String key, JsonNode body) throws IOException, ServletException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            // Server-side failures are not answers: the client may retry them with the same key.
            if (status < 500) {
                String location = captured.getHeader(HttpHeaders.LOCATION);
                // Problem answers never carry personal data; a success body only where the endpoint says so.
                boolean keepBody = status >= 400 || replayable(request);
                try {
                    store.complete(caller, key, status, keepBody ? captured.getContentType() : null, location,
                            keepBody ? captured.getContentAsByteArray() : null,
                            subjectAfter(request, location, body));
                    completed = true;
                } catch (DataAccessException e) {
                    // The answer stands; the key stays reserved, so a repetition is refused (409), never re-run.
                    completed = true;
                }
            }
        } finally {
            if (!completed) {
                try {
                    store.release(caller, key);
                } catch (DataAccessException e) {
                    // the reservation stays PENDING: a retry with this key answers 409 until it is cleaned up
                }
            }
            captured.copyBodyToResponse();
        }
    }

    /** Whether the handler that answered declared its answer free of personal data. */
    private static boolean replayable(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && handler.hasMethodAnnotation(ReplayableAnswer.class);
    }

    /** The member a request concerns, as far as the request itself names it. */
    private UUID subjectBefore(String uri, JsonNode body) {
        UUID subject = subject(uri, null);
        if (subject == null && body != null) {
            subject = uuid(body.path("memberId").asText(null));
        }
        if (subject == null) {
            Matcher request = REQUEST_IN_PATH.matcher(uri);
            UUID requestId = request.find() ? uuid(request.group(1)) : null;
            if (requestId != null) {
                subject = store.memberOfRequest(requestId).orElse(null);
            }
        }
        return subject;
    }

    /** ... and once answered: the member the answer created, or the holder of a registration's username. */
    private UUID subjectAfter(HttpServletRequest request, String location, JsonNode body) {
        UUID subject = subjectBefore(request.getRequestURI(), body);
        if (subject == null) {
            subject = subject(null, location);
        }
        if (subject == null && REGISTRATION.equals(request.getRequestURI()) && body != null
                && body.path("username").isTextual()) {
            subject = store.holderOfUsername(body.path("username").asText()).orElse(null);
        }
        return subject;
    }

    static UUID subject(String uri, String location) {
        for (String candidate : new String[] {uri, location}) {
            if (candidate == null) {
                continue;
            }
            Matcher matcher = SUBJECT_IN_PATH.matcher(candidate);
            if (matcher.find()) {
                return uuid(matcher.group(1));
            }
        }
        return null;
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode jsonBody(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // not JSON: the handler answers it; no subject to name from the body
        }
    }

    /** What the keyed digest is taken of: method, path and body. */
    private static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        bytes.writeBytes((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

}
