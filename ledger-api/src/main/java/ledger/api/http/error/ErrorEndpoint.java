package ledger.api.http.error;

import java.io.IOException;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Hidden;

import ledger.api.http.support.ProblemResponses;

/**
 * The container's error page ({@code /error}, where {@code sendError} and uncaught failures end up,
 * e.g. a URL the security firewall rejects): a problem with a ledger type, whatever the client
 * accepts, naming neither the path nor a message. Replaces Spring Boot's error controller.
 */
@Hidden
@RestController
class ErrorEndpoint implements ErrorController {

    private final ProblemResponses problems;

    ErrorEndpoint(ProblemResponses problems) {
        this.problems = problems;
    }

    // the container forwards every error here, for any caller (the filter chain permits /error)
    @PermitAll
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || !status.isError()) {
            status = code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status == HttpStatus.NOT_FOUND ? "no such resource"
                : "the request cannot be processed (" + status.getReasonPhrase() + ")";
        problems.write(response, ProblemResponses.problem(status, ProblemResponses.code(status),
                status.getReasonPhrase(), detail));
    }
}
