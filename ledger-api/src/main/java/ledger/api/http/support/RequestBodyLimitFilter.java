package ledger.api.http.support;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import ledger.api.configuration.LedgerProperties;

/**
 * Reads each request body once, refusing it with 413 past the limit (declared or streamed), so
 * nothing downstream ever holds an oversized body; the cached bytes feed idempotency hashing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** The one endpoint whose body may be larger: a campaign audit's list of up to 10,000 member ids. */
    static final String CAMPAIGNS = "/api/v1/audit/campaigns";

    private final int defaultLimit;
    private final int campaignLimit;
    private final ProblemResponses problems;

    RequestBodyLimitFilter(LedgerProperties properties, ProblemResponses problems) {
        this.defaultLimit = properties.http().maxBodyBytes();
        this.campaignLimit = Math.max(defaultLimit, properties.http().maxCampaignBodyBytes());
        this.problems = problems;
    }

    private static boolean consoleForm(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getRequestURI().startsWith("/console/") && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method) || "DELETE".equals(method))) {
            chain.doFilter(request, response);
            return;
        }
        int limit = CAMPAIGNS.equals(request.getRequestURI()) ? campaignLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            problems.write(response, PayloadTooLarge.problem());
            return;
        }
        if (consoleForm(request)) {
            // the console's form posts: Tomcat parses them itself (Spring Security reads the CSRF token
            // from the parameters), bounded by server.tomcat.max-http-form-post-size
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = CachedBodyRequest.readAtMost(request.getInputStream(), limit);
        } catch (PayloadTooLarge e) {
            problems.write(response, PayloadTooLarge.problem());
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }
}
