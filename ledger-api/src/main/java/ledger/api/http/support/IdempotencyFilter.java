package ledger.api.http.support;

import ledger.api.infrastructure.persistence.IdempotencyStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Idempotency-Key} on POST and PATCH: the same key with the same request replays the first
 * answer and records nothing new; the same key with another request is refused with 422. Keys are
 * scoped per caller. Runs after authentication, so only authenticated requests reserve keys.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern SUBJECT_IN_PATH =
            Pattern.compile("/api/v1/(?:members|contact-cases)/([0-9a-fA-F-]{36})");

    private final IdempotencyStore store;
    private final ProblemResponses problems;

    IdempotencyFilter(IdempotencyStore store, ProblemResponses problems) {
        this.store = store;
        this.problems = problems;
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
        byte[] hash = hash(request, cached.body());
        try {
            if (!store.reserve(callerName, key, hash)) {
                replay(store.find(callerName, key), hash, request, response, chain, callerName, key);
                return;
            }
        } catch (DataAccessException e) {
            // the store is unreachable: answer 503 like every other path, never a 500
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(response, ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "Service unavailable", "the store is unavailable; retry later"));
            return;
        }
        run(request, response, chain, callerName, key);
    }

    private void replay(Optional<IdempotencyStore.Stored> found, byte[] hash, HttpServletRequest request,
                        HttpServletResponse response, FilterChain chain, String caller, String key)
            throws IOException, ServletException {
        if (found.isEmpty()) {
            // Released between our insert and read (the first attempt failed): try as new.
            if (store.reserve(caller, key, hash)) {
                run(request, response, chain, caller, key);
            } else {
                problems.write(response, inProgress());
            }
            return;
        }
        IdempotencyStore.Stored stored = found.get();
        if (!MessageDigest.isEqual(stored.requestHash(), hash)) {
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
                     String key) throws IOException, ServletException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, captured);
            int status = captured.getStatus();
            // Server-side failures are not answers: the client may retry them with the same key.
            if (status < 500) {
                String location = captured.getHeader(HttpHeaders.LOCATION);
                try {
                    store.complete(caller, key, status, captured.getContentType(), location,
                            captured.getContentAsByteArray(), subject(request.getRequestURI(), location));
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

    static UUID subject(String uri, String location) {
        for (String candidate : new String[] {uri, location}) {
            if (candidate == null) {
                continue;
            }
            Matcher matcher = SUBJECT_IN_PATH.matcher(candidate);
            if (matcher.find()) {
                try {
                    return UUID.fromString(matcher.group(1));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static byte[] hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
