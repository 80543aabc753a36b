package ledger.api.http.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's token sign-in takes at most {@code failuresPerMinute} wrong tokens a minute from
 * one client address; beyond that every attempt is 429 with {@code Retry-After} until the minute
 * is over, before the token is even compared. A Bucket4j bucket per address, in a bounded cache
 * that forgets an address a few minutes after its last attempt (a bucket that old is full again).
 */
final class SignInThrottle extends OncePerRequestFilter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final String signInPath;
    private final int failuresPerMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(WINDOW.multipliedBy(2))
            .maximumSize(100_000)
            .build();

    SignInThrottle(String signInPath, int failuresPerMinute) {
        if (failuresPerMinute < 1) {
            throw new IllegalStateException("ledger.console.sign-in-failures-per-minute must be at least 1");
        }
        this.signInPath = signInPath;
        this.failuresPerMinute = failuresPerMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && signInPath.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = bucketOf(request);
        if (bucket.getAvailableTokens() < 1) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("Too many failed sign-ins from this address; try again in " + seconds
                    + " seconds.\n");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts a failed sign-in against its address, then does what {@code next} does. */
    AuthenticationFailureHandler countingFailures(AuthenticationFailureHandler next) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            bucketOf(request).tryConsume(1);
            next.onAuthenticationFailure(request, response, failure);
        };
    }

    private Bucket bucketOf(HttpServletRequest request) {
        return buckets.get(request.getRemoteAddr(), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failuresPerMinute)
                        .refillIntervally(failuresPerMinute, WINDOW).build())
                .build());
    }
}
