package ledger.api.http.support;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Builds RFC 9457 problem details, the one error format of the API. Details name rules and
 * fields, never values: a value may be personal data.
 */
@Component
public class ProblemResponses {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        return problem;
    }

    /** The code of a bare HTTP status: {@code not-acceptable}, {@code unsupported-media-type}, ... */
    public static String code(HttpStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static URI type(String code) {
        return URI.create("urn:ledger:problem:" + code);
    }

    /** Writes a problem outside Spring MVC (filters, security). */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    public AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            write(response, problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "a valid bearer token is required"));
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(response, problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "the caller's role may not do this"));
    }

    public static ProblemDetail withErrors(ProblemDetail problem, Map<String, String> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }
}
